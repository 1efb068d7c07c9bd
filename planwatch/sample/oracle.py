"""The test oracle: the assessment class each sample indicator is designed to reach as of DEMO_UNTIL,
worked out by hand from the design (planwatch/sample/design.py), not by the warehouse."""

from __future__ import annotations

from planwatch.sample.design import NO_DATA

# The class each indicator is designed to reach as of DEMO_UNTIL (2025 baseline y₀, 2026 value y₁,
# t − t₀ = 1; T − t₀ = 5 unless the target year differs), by these readings of docs/method.md:
# - level / period_avg / rank: achieved if y₁ meets the target; else RR = a / r, with a = y₁/y₀ − 1
#   and r = (X/y₀)^(1/(T−t₀)) − 1, or in units a year (a = y₁ − y₀, r = (X − y₀)/(T − t₀)) when the
#   unit is a percentage or a rank; a range is judged against its nearer bound, "=" as "≥"
#   (direction higher) or "≤" (lower);
# - avg_growth: RR = realised geometric average growth / target rate (never "achieved" before T);
# - annual: achieved if the latest year meets the target; else RR = y₁ / X;
# - cumulative: RR = sum to date / planned sum to date (Phụ lục 4 plan, else an even split of the
#   lower bound); achieved once the sum reaches the target.
# Classes: on_track RR ≥ 0.95 · moderate 0.60–0.95 · insufficient 0–0.60 · regressing RR < 0.
INTENDED_STATUS: dict[str, str] = {
    "I.1": "achieved",  # annual ≥3: 3.4 ≥ 3
    "I.2": "moderate",  # cumulative 200–220: 30 / (200 × 1/5 = 40) = 0.75
    "I.3": "moderate",  # level ≥100 by 2027, pp: a = 84 − 72 = 12; r = (100 − 72)/2 = 14; RR = 0.857
    "I.4": "achieved",  # annual ≥100: 100
    "I.5": "on_track",  # annual ≥100: 96 / 100 = 0.96
    "I.6.a": "on_track",  # pp: a = 3; r = (100 − 90)/5 = 2; RR = 1.5
    "I.6.b": "insufficient",  # pp: a = 1; r = (50 − 40)/5 = 2; RR = 0.5
    "I.7": "achieved",  # annual ≥100: 100
    "II.1": "on_track",  # avg_growth ≥13: 12.6 / 13 = 0.969 (stretch 14 not reached)
    "II.1.a": "moderate",  # 12.5 / 15.2 = 0.822
    "II.1.b": "on_track",  # 10.8 / 10.9 = 0.991
    "II.1.c": "insufficient",  # 0.9 / 2.0 = 0.45
    "II.1.d": "regressing",  # -2.1 / 8.0 < 0
    # II.2 level ≥11 247 USD: a = 7980/7280 − 1 = 9.62%; r = (11247/7280)^(1/5) − 1 = 9.09%; RR = 1.06
    "II.2": "on_track",
    "II.3": "insufficient",  # pp: a = 1; r = (35 − 22)/5 = 2.6; RR = 0.385
    "II.4": "moderate",  # avg_growth 15.5–16.5, nearer bound 15.5: 12.0 / 15.5 = 0.774
    "II.4.a": "on_track",  # range 47–48, pp: a = 1; r = (47 − 44)/5 = 0.6; RR = 1.67
    "II.4.b": "achieved",  # >60: 62.5
    "II.5": "on_track",  # period_avg 43, pp: a = 1.5; r = 0.6; RR = 2.5 (mean so far 41.5/43 = 0.965)
    "II.5.a": "achieved",  # =10 (higher): 11.0 ≥ 10
    # II.6 level ≥245 500: a = 162000/150000 − 1 = 8.0%; r = (245500/150000)^(1/5) − 1 = 10.36%; RR = 0.772
    "II.6": "moderate",
    "II.6.a": "regressing",  # a = 79000/80000 − 1 = −1.25%; r = 8.81%; RR = −0.14
    "II.7": "moderate",  # cumulative: 335 000 / 361 944 (Phụ lục 4, 2026) = 0.926
    "II.8": "on_track",  # a = 46.5/40 − 1 = 16.25%; r = (75/40)^(1/5) − 1 = 13.40%; RR = 1.21
    "II.9": "insufficient",  # a = 212/200 − 1 = 6.0%; r = (380/200)^(1/5) − 1 = 13.70%; RR = 0.44
    "II.10": "on_track",  # a = 16.5/14 − 1 = 17.86%; r = (25/14)^(1/5) − 1 = 12.30%; RR = 1.45
    "II.11": "on_track",  # pp: a = 3; r = (57 − 45)/5 = 2.4; RR = 1.25
    "II.12": "moderate",  # avg_growth =11: 7.5 / 11 = 0.682
    "II.13": "insufficient",  # a = 63500/62000 − 1 = 2.42%; r = (87000/62000)^(1/5) − 1 = 7.01%; RR = 0.345
    "II.13.a": "achieved",  # annual 9 200: 9 450
    "II.14.1": "achieved",  # rank ≤5: 3 (the stretch, top 3, too)
    "II.14.2": "on_track",  # rank: a = 7 − 9 = −2; r = (5 − 9)/5 = −0.8; RR = 2.5
    "II.14.3": "regressing",  # rank: a = 14 − 12 = +2; r = (5 − 12)/5 = −1.4; RR = −1.43
    "II.14.4": "insufficient",  # rank: a = −1; r = (5 − 20)/5 = −3; RR = 0.33
    "II.15.1": "on_track",  # pp: a = 6; r = 5; RR = 1.2
    "II.15.2": "insufficient",  # pp: a = 3; r = 6; RR = 0.5
    "II.16": "moderate",  # pp: a = 2; r = 2.6; RR = 0.769
    "II.17": "moderate",  # range 62–63, pp: a = 2.5; r = (62 − 45)/5 = 3.4; RR = 0.735
    "II.18": "on_track",  # a = 0.781/0.775 − 1 = 0.77%; r = (0.8/0.775)^(1/5) − 1 = 0.64%; RR = 1.21
    "II.19": "on_track",  # cumulative 32 900: 7 100 / (32 900/5 = 6 580) = 1.08
    "II.20": "on_track",  # pp: a = 2; r = 1; RR = 2
    "II.20.a": "achieved",  # ≥1 plant: 1 (baseline 0: no compound rate, achieved overrides)
    "II.21": "insufficient",  # pp: a = 1; r = 3.6; RR = 0.28
    "II.22": "moderate",  # pp: a = 1; r = 1.3; RR = 0.769
    "II.23": "on_track",  # cumulative 25–30: 6 / (25/5 = 5) = 1.2
    "II.24": "achieved",  # annual ≥80: 84
    "II.24.a": "achieved",  # annual ≥95: 96.5
    "II.24.b": "regressing",  # annual −10%/year: −4.0 (crime rose) / 10 < 0
    "II.24.c": "insufficient",  # annual −6%/year: 3.0 / 6 = 0.5
    "II.24.d": "achieved",  # annual −6%/year: 7.0
    "N.2.1.1": "on_track",  # pp: a = 3; r = (60 − 48)/5 = 2.4; RR = 1.25
    "N.2.1.2": "insufficient",  # ≤40 (lower), pp: a = −1; r = (40 − 52)/5 = −2.4; RR = 0.42
    "N.2.2.1": "on_track",  # pp: a = 4; r = 2.4; RR = 1.67
    "N.3.1": "moderate",  # annual ≥2: 1.7 / 2 = 0.85
    "N.4.1": "moderate",  # pp: a = 2; r = 2.4; RR = 0.83
    "N.6.1": "insufficient",  # annual >1: 0.5 / 1 = 0.5
    "N.6.2": "on_track",  # ≤0 by 2028 (lower), pp: a = −0.5; r = (0 − 1.2)/3 = −0.4; RR = 1.25
    "N.7.2.1": "achieved",  # annual ≥6.4: 6.5
    "N.7.2.2": "regressing",  # pp: a = −1; r = 7; RR = −0.14
    "N.7.2.4": "on_track",  # pp: a = 2; r = 1.6; RR = 1.25
    "N.8.1": "on_track",  # pp: a = 10; r = 8; RR = 1.25
    "N.12.5.1": "moderate",  # pp: a = 2; r = 2.4; RR = 0.83
    **{code: "no_data" for code in NO_DATA},
}
