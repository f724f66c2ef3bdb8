-- One intake as the api writes it, straight into PostgreSQL: the year's number from its counter row, then the case
-- and its first history event in one statement (copies of the real tables, with their indexes, in schema bench_raw).
INSERT INTO bench_raw.case_number_counters AS counter (year, last_seq) VALUES (2026, 1)
  ON CONFLICT (year) DO UPDATE SET last_seq = counter.last_seq + 1 RETURNING last_seq AS seq \gset
WITH written AS (
  INSERT INTO bench_raw.cases (id, number, year, seq, status, channel, category_code, unit_code, priority, subject,
                               description, resident_name, resident_phone, location_address, location_district,
                               received_at, created_at, updated_at, tracking_code_hash, search_text, version)
  VALUES (gen_random_uuid(), '2026-' || lpad(:seq::text, 6, '0') || '-0', 2026, :seq, 'assigned', 'phone',
          'dziura-w-jezdni', 'gzdiz', 'normal', 'Dziura w jezdni, zgłoszenie testowe ' || :seq,
          'Benchmark: głęboka dziura przy przystanku, zagraża rowerzystom.', 'Jan Testowy', '+48 600 100 ' || :seq,
          'Grunwaldzka 100', 'Wrzeszcz', now(), now(), now(), md5(:seq::text),
          '2026-' || :seq || ' dziura w jezdni zgloszenie testowe benchmark gleboka dziura przy przystanku jan testowy 48600100',
          1)
  RETURNING id, updated_at)
INSERT INTO bench_raw.case_events (case_id, type, at, actor, data)
SELECT id, 'case_created', updated_at, 'bench', '{"number": "x", "channel": "phone", "status": "assigned"}'::jsonb
  FROM written;
