-- A view in the in-memory database over one table or view of the attached warehouse.
CREATE VIEW main.{{identifier name}} AS SELECT * FROM warehouse.main.{{identifier name}}
