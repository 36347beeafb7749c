// Where qantar's data lives: the bundled geodata and the world base map, found through the
// environment, beside the executable, at the install location or in the source tree.
#pragma once

#include <string>

namespace qantar {

// The running executable's directory ("" when /proc/self/exe cannot be read).
std::string exe_dir();

// The geodata directory: $QANTAR_GEODATA if set, else <exe dir>/../geodata, else ./geodata,
// else the install location. Throws InputError if none has bundled-story (the file naming the
// bundled story's folder).
std::string find_geodata_dir();

// The world base map's directory: $QANTAR_WORLD, else <exe dir>/../share/qantar/geodata/world,
// the compiled-in install prefix's, <exe dir>/../geodata/world, the source tree's. "" when none
// has countries.fgb.
std::string find_world_dir();

}  // namespace qantar
