import time

print("starting a task that will not finish in time", flush=True)
while True:
    time.sleep(1)
