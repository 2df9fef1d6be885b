# The Debian package (cpack -G DEB, or `cmake --build build --target package`): both programs, man pages made
# from their --help by help2man, the systemd units of the nightly job and the server, a sample configuration
# and the nightly script. Dependencies are computed by dpkg-shlibdeps from the binaries.
include(GNUInstallDirs)

find_program(HELP2MAN help2man)
# Not from sanitizer or fuzzing builds, whose programs are not the ones to ship (and report at exit).
if(HELP2MAN AND NOT DATELINE_SANITIZE AND NOT DATELINE_FUZZ)
  set(man_pages)
  foreach(program dateline-index dateline-query)
    set(page ${CMAKE_CURRENT_BINARY_DIR}/man/${program}.1)
    add_custom_command(
      OUTPUT ${page}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
      COMMAND ${HELP2MAN} --no-info --no-discard-stderr --version-string=${PROJECT_VERSION}
              --name "Dateline, a full-text search and entity index for news" --output ${page}
              $<TARGET_FILE:${program}>
      DEPENDS ${program}
      COMMENT "Man page of ${program} from its --help")
    list(APPEND man_pages ${page})
  endforeach()
  add_custom_target(man_pages ALL DEPENDS ${man_pages})
  install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: the package will have no man pages (apt-get install help2man)")
endif()

install(FILES packaging/systemd/dateline-nightly.service packaging/systemd/dateline-nightly.timer
              packaging/systemd/dateline-serve.service
        DESTINATION lib/systemd/system)
install(PROGRAMS packaging/dateline-nightly DESTINATION lib/dateline)
install(FILES packaging/dateline.conf DESTINATION /etc/dateline)
install(FILES README.md ARCHITECTURE.md docs/api.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dateline)
set(CPACK_PACKAGE_VENDOR "Dateline")
set(CPACK_PACKAGE_CONTACT "Dateline maintainers <dateline@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search and entity index for news, on Xapian")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, curl")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xapian-tools")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_SOURCE_DIR}/packaging/postinst
                                       ${CMAKE_CURRENT_SOURCE_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
