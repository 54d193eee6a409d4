"""Mean, minimum and maximum of every numeric column of /in/data.csv, as /out/summary.json."""
import csv
import json
import statistics

with open("/in/data.csv", newline="") as f:
    rows = list(csv.DictReader(f))

summary = {}
for column in rows[0].keys():
    values = []
    for row in rows:
        try:
            values.append(float(row[column]))
        except ValueError:
            pass
    if values:
        summary[column] = {
            "count": len(values),
            "mean": statistics.mean(values),
            "min": min(values),
            "max": max(values),
        }

with open("/out/summary.json", "w") as f:
    json.dump(summary, f, indent=2, sort_keys=True)
print(f"summarised {len(rows)} rows and {len(summary)} numeric columns into /out/summary.json")
