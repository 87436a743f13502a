-- The UI's runs page lists the runs of every flow, or of one flow or one user, newest first by start
-- time, then by flow name (in code-point order, as the UI sorts names) and run number, descending;
-- a page is read from one of these indexes in order, and stops at the page's end.
CREATE INDEX runs_by_start_all ON runs (started_at DESC, flow_name COLLATE "C" DESC, run_number DESC);
CREATE INDEX runs_by_user_start ON runs (user_name, started_at DESC, flow_name COLLATE "C" DESC, run_number DESC);
-- one flow's runs by start; it serves the time ranges of runs_by_start (flow_name, started_at) too
CREATE INDEX runs_by_flow_start ON runs (flow_name, started_at DESC, run_number DESC);
DROP INDEX runs_by_start;
-- the runs recorded as running, live or dead: the few that the running filter reads
CREATE INDEX runs_running_by_start ON runs (started_at DESC, flow_name COLLATE "C" DESC, run_number DESC)
  WHERE status = 'RUNNING';
