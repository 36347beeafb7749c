#!/usr/bin/python3
# QGIS's temporal-controller export (QgsTemporalUtils.exportAnimation) of a PNG sequence, the
# comparison of issue 11: the events layer of a GeoPackage drawn as simple markers, 1920x1080, one
# frame per hour from START for FRAMES frames, each showing the events of the last 24 hours (as
# qantar's default window does). The date is ACLED's event_date text ("18 July 2010"), parsed by
# a temporal expression. Prints "frames seconds" (the export loop alone; the whole process is
# timed by bench/bench_scale.sh).
#
# usage: qgis_export.py EVENTS.gpkg OUT_DIR START(YYYY-MM-DDTHH:MM) FRAMES
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsDateTimeRange, QgsInterval, QgsMapSettings, QgsRectangle,
                       QgsTemporalUtils, QgsVectorLayer, QgsVectorLayerTemporalProperties)
from qgis.PyQt.QtCore import QDateTime, QSize, Qt
from qgis.PyQt.QtGui import QColor

path, out_dir, start_text, frames = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(path + "|layername=events", "events", "ogr")
if not layer.isValid():
    sys.exit("qgis_export.py: cannot open " + path)
props = layer.temporalProperties()
props.setIsActive(True)
props.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions)
# An event is shown from its day's start for 24 hours plus the day itself (qantar's window).
props.setStartExpression("to_datetime(\"event_date\", 'd MMMM yyyy')")
props.setEndExpression("to_datetime(\"event_date\", 'd MMMM yyyy') + make_interval(hours:=48)")
layer.renderer().symbol().setColor(QColor(255, 120, 40))

settings = QgsMapSettings()
settings.setLayers([layer])
settings.setOutputSize(QSize(1920, 1080))
settings.setDestinationCrs(layer.crs())
settings.setExtent(layer.extent())
settings.setBackgroundColor(QColor(10, 14, 22))

start = QDateTime.fromString(start_text, "yyyy-MM-ddTHH:mm")
start.setTimeSpec(Qt.UTC)
export = QgsTemporalUtils.AnimationExportSettings()
export.animationRange = QgsDateTimeRange(start, start.addSecs(3600 * frames))
export.frameDuration = QgsInterval(3600)
export.outputDirectory = out_dir
export.fileNameTemplate = "frame####.png"
t0 = time.monotonic()
ok, error = QgsTemporalUtils.exportAnimation(settings, export)
elapsed = time.monotonic() - t0
if not ok:
    sys.exit("qgis_export.py: " + error)
written = len([f for f in os.listdir(out_dir) if f.endswith(".png")])
print(written, "%.2f" % elapsed)
sys.stdout.flush()
os._exit(0)  # QGIS 3.22's exitQgis() can crash at exit in a script; everything is written
