-- A folder written by EXPORT DATABASE, into the (empty) database (IMPORT takes no bound parameter).
IMPORT DATABASE {{literal folder}}
