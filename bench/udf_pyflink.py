"""PyFlink's side of bench/udf.ts: the same job (a datagen table of two BIGINT sequences, SUM of a + b) in plain
SQL and with a pandas (vectorized) UDF, timed per run. Prints one JSON line: {"plain": [ms...], "pandas": [...]}.
Usage: bench/.venv/bin/python bench/udf_pyflink.py ROWS PARALLELISM REPS ARROW_BATCH_SIZE"""
import json
import sys
import time

from pyflink.table import DataTypes, EnvironmentSettings, TableEnvironment
from pyflink.table.udf import udf

rows, parallelism, reps, batch = (int(x) for x in sys.argv[1:5])
env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
conf = env.get_config()
conf.set("parallelism.default", str(parallelism))
conf.set("python.executable", sys.executable)
conf.set("python.client.executable", sys.executable)
conf.set("python.fn-execution.arrow.batch.size", str(batch))
conf.set("python.fn-execution.bundle.size", str(batch))
env.execute_sql(f"""CREATE TEMPORARY TABLE gen (a BIGINT, b BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '{rows}', 'rows-per-second' = '1000000000',
  'fields.a.kind' = 'sequence', 'fields.a.start' = '0', 'fields.a.end' = '{rows - 1}',
  'fields.b.kind' = 'sequence', 'fields.b.start' = '0', 'fields.b.end' = '{rows - 1}')""")


@udf(result_type=DataTypes.BIGINT(), func_type="pandas")
def add(a, b):
    return a + b


env.create_temporary_function("add", add)
jobs = {"plain": "SELECT SUM(a + b) AS s FROM gen", "pandas": "SELECT SUM(add(a, b)) AS s FROM gen"}


def run(sql):
    start = time.perf_counter()
    with env.execute_sql(sql).collect() as results:
        answer = [r[0] for r in results]
    return (time.perf_counter() - start) * 1000, answer[0]


times = {name: [] for name in jobs}
answers = {}
for name, sql in jobs.items():
    answers[name] = run(sql)[1]  # warm-up
for _ in range(reps):
    for name, sql in jobs.items():
        times[name].append(run(sql)[0])
print(json.dumps({"times": times, "answers": answers}))
