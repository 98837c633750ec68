-- What a model-based tier method's stored scores were computed from (a digest of its input observations, its
-- definition and the estimator's version), so a refresh with unchanged inputs keeps them instead of retraining.
CREATE TABLE score_inputs (
    method_version  VARCHAR PRIMARY KEY,
    inputs_digest   VARCHAR NOT NULL,
    scored_at       TIMESTAMP NOT NULL
);
