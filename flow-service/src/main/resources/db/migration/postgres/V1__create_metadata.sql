-- Fluxo metadata: flows, runs, steps, tasks, attempts, artifacts, metadata key/values, tags and
-- heartbeats. Names (flow, step, task) are validated by the service before they reach SQL.

CREATE TABLE flows (
  flow_name       TEXT        PRIMARY KEY,
  user_name       TEXT        NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- the last run number handed out; locking this row makes run numbers consecutive per flow
  last_run_number BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE runs (
  flow_name         TEXT        NOT NULL REFERENCES flows (flow_name),
  run_number        BIGINT      NOT NULL CHECK (run_number > 0),
  user_name         TEXT        NOT NULL,
  tags              TEXT[]      NOT NULL DEFAULT '{}',
  system_tags       TEXT[]      NOT NULL DEFAULT '{}',
  origin_run_id     TEXT,
  -- the recorded state; readers derive succeeded (end step done) and failed (heartbeat silence)
  status            TEXT        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
  started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  ended_at          TIMESTAMPTZ,
  last_heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  host              TEXT        NOT NULL DEFAULT '',
  pid               BIGINT      NOT NULL DEFAULT 0,
  graph             JSONB,
  PRIMARY KEY (flow_name, run_number)
);

-- run listing filters: user, time range, tags (user or system); paging is by run_number
CREATE INDEX runs_by_user ON runs (flow_name, user_name, run_number DESC);
CREATE INDEX runs_by_start ON runs (flow_name, started_at);
CREATE INDEX runs_by_tag ON runs USING GIN (tags);
CREATE INDEX runs_by_system_tag ON runs USING GIN (system_tags);

CREATE TABLE steps (
  flow_name  TEXT        NOT NULL,
  run_number BIGINT      NOT NULL,
  step_name  TEXT        NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (flow_name, run_number, step_name),
  FOREIGN KEY (flow_name, run_number) REFERENCES runs ON DELETE CASCADE
);

CREATE TABLE tasks (
  flow_name         TEXT        NOT NULL,
  run_number        BIGINT      NOT NULL,
  step_name         TEXT        NOT NULL,
  task_id           TEXT        NOT NULL,
  input_paths       TEXT[]      NOT NULL DEFAULT '{}',
  split_index       INT         NOT NULL DEFAULT -1,
  origin_task       TEXT,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_heartbeat_at TIMESTAMPTZ,
  PRIMARY KEY (flow_name, run_number, step_name, task_id),
  FOREIGN KEY (flow_name, run_number, step_name) REFERENCES steps ON DELETE CASCADE
);

-- a task id is unique within its run, whatever the step
CREATE UNIQUE INDEX tasks_id_in_run ON tasks (flow_name, run_number, task_id);
CREATE INDEX tasks_in_order ON tasks (flow_name, run_number, created_at, task_id);

CREATE TABLE attempts (
  flow_name  TEXT        NOT NULL,
  run_number BIGINT      NOT NULL,
  step_name  TEXT        NOT NULL,
  task_id    TEXT        NOT NULL,
  attempt    INT         NOT NULL CHECK (attempt >= 0),
  status     TEXT        CHECK (status IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CAUGHT')),
  started_at TIMESTAMPTZ NOT NULL,
  ended_at   TIMESTAMPTZ,
  pid        BIGINT      NOT NULL DEFAULT 0,
  error      TEXT,
  PRIMARY KEY (flow_name, run_number, step_name, task_id, attempt),
  FOREIGN KEY (flow_name, run_number, step_name, task_id) REFERENCES tasks ON DELETE CASCADE
);

-- derived run status: has the end step finished?
CREATE INDEX attempts_end_done ON attempts (flow_name, run_number)
  WHERE step_name = 'end' AND status IN ('SUCCEEDED', 'CAUGHT');

CREATE TABLE artifacts (
  seq        BIGSERIAL   UNIQUE,
  flow_name  TEXT        NOT NULL,
  run_number BIGINT      NOT NULL,
  step_name  TEXT        NOT NULL,
  task_id    TEXT        NOT NULL,
  attempt    INT         NOT NULL,
  name       TEXT        NOT NULL,
  sha        TEXT        NOT NULL CHECK (sha ~ '^[0-9a-f]{64}$'),
  type       TEXT,
  size       BIGINT      NOT NULL CHECK (size >= 0),
  location   TEXT        NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (flow_name, run_number, step_name, task_id, attempt, name),
  FOREIGN KEY (flow_name, run_number, step_name, task_id, attempt) REFERENCES attempts ON DELETE CASCADE
);

CREATE INDEX artifacts_by_sha ON artifacts (sha);

CREATE TABLE metadata (
  id         BIGSERIAL   PRIMARY KEY,
  flow_name  TEXT        NOT NULL,
  run_number BIGINT      NOT NULL,
  step_name  TEXT        NOT NULL,
  task_id    TEXT        NOT NULL,
  attempt    INT,
  field      TEXT        NOT NULL,
  value      TEXT        NOT NULL,
  type       TEXT        NOT NULL DEFAULT '',
  tags       TEXT[]      NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  FOREIGN KEY (flow_name, run_number, step_name, task_id) REFERENCES tasks ON DELETE CASCADE
);

CREATE INDEX metadata_by_task ON metadata (flow_name, run_number, step_name, task_id, id);
