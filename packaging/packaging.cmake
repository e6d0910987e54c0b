# The Debian package (medkiosk_<version>_amd64.deb), built by CPack from the
# install rules: `cpack -G DEB` in a build tree, or scripts/package, which also
# runs lintian and installs it into a clean Debian 12 root.
#
# Programs that live on other branches (medkiosk-update, medkiosk-admin) are
# packaged, with their man page and units, as soon as their targets exist.

set(MEDKIOSK_PKG_DIR ${CMAKE_CURRENT_LIST_DIR})
set(MEDKIOSK_PKG_OUT ${CMAKE_BINARY_DIR}/packaging)
set(MEDKIOSK_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/medkiosk)
# The integrator who builds and ships the package sets this (-DMEDKIOSK_PACKAGE_MAINTAINER=
# "Clinic IT <it@clinic.example>"); the default names the project, not a person. It
# is the package's Maintainer field and the changelog's signature.
set(MEDKIOSK_PACKAGE_MAINTAINER "Medkiosk maintainers <medkiosk@example.org>"
    CACHE STRING "Maintainer field of the Debian package")
find_program(GZIP gzip REQUIRED)

# Debian wants man pages and the changelog compressed with gzip -9n (no name or
# time stamp, so the package is reproducible).
set(MEDKIOSK_GZ_FILES)
function(medkiosk_gzip template out)
  configure_file(${template} ${MEDKIOSK_PKG_OUT}/plain/${out} @ONLY)
  add_custom_command(OUTPUT ${MEDKIOSK_PKG_OUT}/${out}.gz
    COMMAND ${GZIP} -9n -c ${MEDKIOSK_PKG_OUT}/plain/${out} > ${MEDKIOSK_PKG_OUT}/${out}.gz
    DEPENDS ${MEDKIOSK_PKG_OUT}/plain/${out} ${template})
  set(MEDKIOSK_GZ_FILES ${MEDKIOSK_GZ_FILES} ${MEDKIOSK_PKG_OUT}/${out}.gz PARENT_SCOPE)
endfunction()

medkiosk_gzip(${MEDKIOSK_PKG_DIR}/man/medkiosk.1 medkiosk.1)
medkiosk_gzip(${MEDKIOSK_PKG_DIR}/man/medkiosk-content.1 medkiosk-content.1)
medkiosk_gzip(${MEDKIOSK_PKG_DIR}/man/medkiosk-update.8 medkiosk-update.8)
medkiosk_gzip(${MEDKIOSK_PKG_DIR}/man/medkiosk-admin.8 medkiosk-admin.8)
medkiosk_gzip(${MEDKIOSK_PKG_DIR}/debian/changelog.in changelog)
add_custom_target(medkiosk_package_files ALL DEPENDS ${MEDKIOSK_GZ_FILES})

install(FILES ${MEDKIOSK_PKG_OUT}/medkiosk.1.gz ${MEDKIOSK_PKG_OUT}/medkiosk-content.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${MEDKIOSK_PKG_OUT}/changelog.gz ${MEDKIOSK_PKG_DIR}/debian/copyright
              ${PROJECT_SOURCE_DIR}/README.md ${MEDKIOSK_PKG_DIR}/FLEET.md
        DESTINATION ${MEDKIOSK_DOCDIR})
# Absolute destinations: the package owns these system paths whatever the prefix.
install(FILES ${MEDKIOSK_PKG_DIR}/etc/medkiosk.ini DESTINATION /etc/medkiosk)
install(FILES ${MEDKIOSK_PKG_DIR}/systemd/medkiosk.service DESTINATION /lib/systemd/system)
install(FILES ${MEDKIOSK_PKG_DIR}/systemd/logind-medkiosk.conf
        DESTINATION /usr/lib/systemd/logind.conf.d RENAME medkiosk.conf)
if(TARGET medkiosk-update)  # the program itself is installed by src/CMakeLists.txt
  install(FILES ${MEDKIOSK_PKG_OUT}/medkiosk-update.8.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
  install(FILES ${MEDKIOSK_PKG_DIR}/systemd/medkiosk-update.service ${MEDKIOSK_PKG_DIR}/systemd/medkiosk-update.timer
          DESTINATION /lib/systemd/system)
endif()
if(TARGET medkiosk-admin)  # the program itself is installed by src/CMakeLists.txt
  install(FILES ${MEDKIOSK_PKG_OUT}/medkiosk-admin.8.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME medkiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR})
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR})
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# xz, as Debian's own packages: the kiosk's ICU data is 7.3 MiB, 2.1 MiB with gzip, 1.3 with xz.
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MEDKIOSK_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "touch kiosk showing patient medicine brochures in the EU languages")
# CPack puts the summary on the Description line and indents each line below.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Medkiosk is a full-screen touch kiosk for clinic waiting rooms. It shows\n\
patients the brochure of a specialist medicine (pomalidomide, Imnovid) in\n\
all 24 official EU languages, with read aloud, three text sizes and a high\n\
contrast theme, and forgets each patient at the idle reset.\n\
.\n\
The package runs the kiosk on tty1 under the cage Wayland compositor as a\n\
dedicated system user, sandboxed by systemd with a watchdog, writes\n\
Prometheus textfile metrics and polls for signed content updates.")
# Library dependencies come from dpkg-shlibdeps; data read at run time is named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, fontconfig, fonts-noto-core, espeak-ng-data")
# The kiosk session (medkiosk.service) is cage, and Debian 12's cage exits at once
# without Xwayland ("Cannot create XWayland server"), which its package only
# suggests: recommend both, so `apt install ./medkiosk_….deb` boots into the kiosk.
# cage takes the seat (display, input) from seatd: logind would let an unprivileged
# system user activate its session only through polkit (scripts/vm-test found it).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cage, xwayland, seatd, libpam-systemd")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "prometheus-node-exporter")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${MEDKIOSK_PKG_DIR}/debian/postinst ${MEDKIOSK_PKG_DIR}/debian/prerm ${MEDKIOSK_PKG_DIR}/debian/postrm
    ${MEDKIOSK_PKG_DIR}/debian/conffiles)
include(CPack)
