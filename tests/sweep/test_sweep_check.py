#!/usr/bin/env python3
"""Each check of scripts/sweep_check.py fails on a deliberately broken layout (issue 12) and passes
the sound one it was broken from. Run: python3 tests/sweep/test_sweep_check.py"""
import copy
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
import sweep_check  # noqa: E402

T = 1641376800  # 2022-01-05T10:00Z: 15:00 at UTC+05, 16:00 at UTC+06


def sound():
    return {
        "width": 1280, "height": 720, "hud": True,
        "texts": [
            {"kind": "city", "text": "Almaty", "x": 900, "y": 500, "w": 60, "h": 14},
            {"kind": "banner", "text": "INTERNET SHUT DOWN", "x": 500, "y": 20, "w": 240, "h": 22},
            {"kind": "legend", "text": "Riot", "x": 30, "y": 650, "w": 50, "h": 11},
            {"kind": "legend", "text": "State of emergency", "x": 90, "y": 650, "w": 120, "h": 11},
            {"kind": "legend", "text": "Region: state of emergency", "x": 220, "y": 650, "w": 160, "h": 11},
        ],
        "markers": [{"kind": "marker", "text": "Almaty", "x": 880, "y": 500, "w": 12, "h": 12}],
        "zones": [{"kind": "hud", "text": "", "x": 0, "y": 640, "w": 1280, "h": 80}],
        "legend": [
            {"key": "riot", "label": "Riot", "colour": "#ff4838"},
            {"key": "state_of_emergency", "label": "State of emergency", "colour": "#be6eff"},
            {"key": "region:state_of_emergency", "label": "Region: state of emergency", "colour": "#2f2e4d"},
        ],
        "drawn": [
            {"what": "marker", "key": "riot", "colour": "#ff4838"},
            {"what": "histogram", "key": "state_of_emergency", "colour": "#be6eff"},
            {"what": "region", "key": "region:state_of_emergency", "colour": "#2f2e4d"},
            {"what": "banner", "key": "banner", "colour": "#962828"},
        ],
        "clock": {"text": "15:00 Aqtobe  \u00b7  16:00 Almaty", "t_utc_s": T, "fallback_offset_s": 21600,
                  "offsets_s": [18000, 21600],
                  "zones_in_view": [{"zone": "UTC+05", "offset_s": 18000, "weight": 4000.0},
                                    {"zone": "Asia/Almaty", "offset_s": 21600, "weight": 6000.0}]},
    }


def problems(L):
    return list(sweep_check.check(L))


class SweepCheck(unittest.TestCase):
    def assertOneProblem(self, L, words):
        found = problems(L)
        self.assertEqual(len(found), 1, found)
        for w in words:
            self.assertIn(w, found[0])

    def test_sound_layout_passes(self):
        self.assertEqual(problems(sound()), [])

    def test_overlapping_texts(self):
        L = sound()
        L["texts"].append({"kind": "city", "text": "Taldykorgan", "x": 940, "y": 505, "w": 80, "h": 14})
        self.assertOneProblem(L, ['city "Almaty" overlaps city "Taldykorgan"'])

    def test_banner_over_a_marker(self):
        L = sound()
        L["markers"].append({"kind": "marker", "text": "Taldykorgan", "x": 560, "y": 36, "w": 10, "h": 10})
        self.assertOneProblem(L, ['banner "INTERNET SHUT DOWN" covers the marker of "Taldykorgan"'])

    def test_text_off_screen(self):
        L = sound()
        L["texts"][0]["x"] = 1250
        self.assertOneProblem(L, ['city "Almaty" leaves the screen'])

    def test_map_text_in_hud_zone(self):
        L = sound()
        L["texts"][0]["y"] = 700 - 14
        self.assertOneProblem(L, ['city "Almaty" is inside the hud zone'])

    def test_colour_without_entry(self):
        L = sound()  # the issue: the state-of-emergency purple drawn, no entry for it
        del L["legend"][1]
        self.assertOneProblem(L, ["#be6eff", "state_of_emergency", "no legend entry"])

    def test_swatch_differs_from_drawn(self):
        L = sound()  # the issue: the swatch is a dull tint, the markers bright purple
        L["legend"][1]["colour"] = "#2f2e4e"
        self.assertOneProblem(L, ["swatch of 'state_of_emergency' is #2f2e4e", "#be6eff"])

    def test_two_entries_one_colour(self):
        L = sound()
        L["legend"][2]["colour"] = "#be6eff"
        L["drawn"][2]["colour"] = "#be6eff"
        self.assertOneProblem(L, ["share the swatch colour #be6eff"])

    def test_banner_without_text(self):
        L = sound()
        del L["texts"][1]
        self.assertOneProblem(L, ["banner colour"])

    def test_clock_shows_a_zone_out_of_view(self):
        L = sound()  # the issue: "(UTC+06)" over Zhanaozen, all UTC+05
        L["clock"]["zones_in_view"] = [{"zone": "UTC+05", "offset_s": 18000, "weight": 1.0}]
        L["clock"]["offsets_s"] = [21600]
        L["clock"]["text"] = "16:00  local time (UTC+06)"
        found = problems(L)
        self.assertTrue(any("shows UTC+06, which is not in view" in f for f in found), found)
        self.assertTrue(any("leaves out UTC+05" in f for f in found), found)

    def test_clock_misses_the_second_zone(self):
        L = sound()
        L["clock"]["offsets_s"] = [21600]
        L["clock"]["text"] = "16:00  local time (UTC+06)"
        self.assertOneProblem(L, ["leaves out UTC+05", "40%"])

    def test_clock_time_wrong(self):
        L = sound()
        L["clock"]["text"] = "15:00 Aqtobe  \u00b7  17:00 Almaty"
        self.assertOneProblem(L, ["says 15:00, 17:00 where 15:00, 16:00 is due"])

    def test_sliver_of_a_zone_is_not_required(self):
        L = sound()
        L["clock"]["zones_in_view"][0]["weight"] = 100.0
        L["clock"]["offsets_s"] = [21600]
        L["clock"]["text"] = "16:00  local time (UTC+06)"
        self.assertEqual(problems(L), [])

    def test_main_reads_files_and_fails(self):
        import json
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            L = sound()
            del L["legend"][0]
            with open(os.path.join(d, "a.json"), "w") as f:
                json.dump(L, f)
            self.assertEqual(sweep_check.main([d]), 1)
            with open(os.path.join(d, "a.json"), "w") as f:
                json.dump(sound(), f)
            self.assertEqual(sweep_check.main([d]), 0)


if __name__ == "__main__":
    unittest.main()
