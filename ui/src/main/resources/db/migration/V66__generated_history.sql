-- Generated history (demo and benchmark, console.HistoryGenerator): the engine projection's keys
-- of generated journeys (process instances, tasks, clocks) are negative, taken from this
-- sequence in blocks of 100,000, so they can never meet the engine's keys (homefirst_engine_id,
-- positive) nor each other when history is generated twice.
create sequence homefirst_history_key increment by -100000 minvalue -9223372036854775807 maxvalue -1 start with -1;
