-- Daily counts from CloudFront standard logs (v2, Parquet, the Athena User Guide's column names), run unchanged by
-- Amazon Athena (Trino) and by embedded DuckDB. StatisticsQuery fills in the two dialect-specific parts:
--   {{logs}}  the table: "database"."table" in Athena; read_parquet(...) with Hive partitions in DuckDB
--   {{days}}  the partition predicate of the days asked for (year, month, day are integers in both)
-- A request counts on the day of the hour folder its log record was delivered into (UTC).
-- Counting rules (docs/statistics.md): a download is a GET of a *.tgz answered 200; 206 (partial) and 304
-- (not modified) answers are counted apart and are not downloads; HEAD and every other method never count;
-- .tgz.prov is not a package; index.yaml fetches are GETs answered 200 or 304.
WITH requests AS (
    SELECT year, month, day,
           cs_method AS method,
           sc_status AS status,
           cs_uri_stem AS uri,
           coalesce(cs_user_agent, '-') AS agent,
           coalesce(c_ip, '-') AS address
    FROM {{logs}}
    WHERE {{days}}
),
classified AS (
    SELECT year, month, day, uri, agent, address,
           CASE
               WHEN method <> 'GET' THEN 'other'
               WHEN uri LIKE '%.tgz' AND status = '200' THEN 'download'
               WHEN uri LIKE '%.tgz' AND status = '206' THEN 'partial'
               WHEN uri LIKE '%.tgz' AND status = '304' THEN 'revalidation'
               WHEN uri = '/index.yaml' AND status = '200' THEN 'index'
               WHEN uri = '/index.yaml' AND status = '304' THEN 'index-not-modified'
               ELSE 'other'
           END AS kind,
           -- User agents are logged URL-encoded; none of the patterns below contains a character that encoding changes.
           CASE
               WHEN lower(agent) LIKE '%flux%' OR lower(agent) LIKE '%source-controller%' THEN 'flux'
               WHEN lower(agent) LIKE '%argocd%' OR lower(agent) LIKE '%argo-cd%' THEN 'argocd'
               WHEN agent LIKE 'Helm/4.%' THEN 'helm4'
               WHEN agent LIKE 'Helm/3.%' THEN 'helm3'
               WHEN agent LIKE 'Mozilla/%' THEN 'browser'
               ELSE 'other'
           END AS client
    FROM requests
)
SELECT year, month, day, 'download' AS metric, uri AS item, count(*) AS n
FROM classified WHERE kind = 'download' GROUP BY year, month, day, uri
UNION ALL
SELECT year, month, day, 'client' AS metric, client AS item, count(*) AS n
FROM classified WHERE kind = 'download' GROUP BY year, month, day, client
UNION ALL
-- Distinct downloaders: address and user agent pairs, counted inside the engine; no address leaves the query.
SELECT year, month, day, 'downloaders' AS metric, '' AS item, count(DISTINCT address || ' ' || agent) AS n
FROM classified WHERE kind = 'download' GROUP BY year, month, day
UNION ALL
SELECT year, month, day, kind AS metric, '' AS item, count(*) AS n
FROM classified WHERE kind IN ('partial', 'revalidation', 'index', 'index-not-modified') GROUP BY year, month, day, kind
