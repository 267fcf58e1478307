-- wrk script: POST a form body read from the BENCH_BODY environment variable.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
