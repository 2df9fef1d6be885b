# Finds every third-party library once and exposes each as an imported target.

find_package(xapian CONFIG REQUIRED)
# Xapian's CMake config gives variables, not a target: wrap them once.
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
                                                  INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

find_package(ICU 70 REQUIRED COMPONENTS uc i18n)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(simdjson 3 REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(Threads REQUIRED)
find_package(doctest REQUIRED)
# The HTTP server (dateline-query serve). Debian builds cpp-httplib as a library with OpenSSL, zlib and Brotli:
# its compile flags (from pkg-config) must match, or the classes' layout differs from the library's.
find_package(PkgConfig REQUIRED)
pkg_check_modules(httplib REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
# Zstandard: the stored article in each document (schema::Slot::article), compressed by Dateline rather than by
# Xapian's zlib, which cost a twentieth of an indexing run.
pkg_check_modules(zstd REQUIRED IMPORTED_TARGET libzstd>=1.4)

# The programs link jemalloc: Xapian's write path and the tagger allocate many small strings and maps, and glibc's
# allocator spends a fifth of an indexing run in malloc/free/consolidate (perf, Reuters-21578). The target
# Dateline::allocator is empty when DATELINE_ALLOCATOR is "system" (sanitizer or valgrind builds).
set(DATELINE_ALLOCATOR "jemalloc" CACHE STRING "Allocator the programs link: jemalloc or system")
set_property(CACHE DATELINE_ALLOCATOR PROPERTY STRINGS jemalloc system)
add_library(Dateline::allocator INTERFACE IMPORTED)
if(DATELINE_ALLOCATOR STREQUAL "jemalloc")
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(jemalloc IMPORTED_TARGET jemalloc)
  if(jemalloc_FOUND)
    set_target_properties(Dateline::allocator PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::jemalloc)
  else()
    message(WARNING "jemalloc not found (Debian: libjemalloc-dev; scripts/install-deps installs it): the "
                    "programs use the system allocator and index about 15% slower")
  endif()
elseif(NOT DATELINE_ALLOCATOR STREQUAL "system")
  message(FATAL_ERROR "DATELINE_ALLOCATOR is '${DATELINE_ALLOCATOR}'; use jemalloc or system")
endif()
