# SPDX-License-Identifier: MIT
# The Debian package: install rules for everything around the executable (desktop entry, icons,
# AppStream metainfo, man page, copyright, changelog) and CPack's DEB settings.
# installer/build-package.sh builds it; docs/packaging.md describes it.

include(GNUInstallDirs)

set(RECIPROCAL_PACKAGE_NAME reciprocal)
set(RECIPROCAL_APP_ID io.github.reciprocal.Reciprocal)
set(RECIPROCAL_PACKAGE_FILES ${CMAKE_BINARY_DIR}/installer)

# Icons. The hicolor theme needs a 48x48 PNG as the fallback every desktop can show, software
# centres use 64x64 and 128x128, and high-DPI docks 256x256; desktops that draw SVG use the
# scalable one. The PNGs are rendered from the SVG at build time with Qt SVG (a dependency
# already), so there is one source of truth and no binary files in the repository.
add_executable(reciprocal_render_icon ${CMAKE_CURRENT_LIST_DIR}/RenderIcon.cpp)
target_link_libraries(reciprocal_render_icon PRIVATE Qt6::Gui Qt6::Svg reciprocal_warnings)

set(RECIPROCAL_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/reciprocal.svg)
set(RECIPROCAL_ICON_DIR ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
set(RECIPROCAL_ICON_PNGS)
foreach(size IN ITEMS 48 64 128 256)
  set(png ${RECIPROCAL_PACKAGE_FILES}/icons/${size}x${size}/reciprocal.png)
  add_custom_command(OUTPUT ${png}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${RECIPROCAL_PACKAGE_FILES}/icons/${size}x${size}
    COMMAND reciprocal_render_icon ${RECIPROCAL_ICON_SVG} ${size} ${png}
    DEPENDS reciprocal_render_icon ${RECIPROCAL_ICON_SVG}
    COMMENT "Rendering the ${size}x${size} icon"
    VERBATIM)
  install(FILES ${png} DESTINATION ${RECIPROCAL_ICON_DIR}/${size}x${size}/apps)
  list(APPEND RECIPROCAL_ICON_PNGS ${png})
endforeach()
install(FILES ${RECIPROCAL_ICON_SVG} DESTINATION ${RECIPROCAL_ICON_DIR}/scalable/apps)

# Debian installs man pages and changelogs gzipped (-n: no name or time stamp, so the package is
# reproducible). reciprocal_gzip(SOURCE NAME) writes NAME.gz into the build's installer/ directory.
find_program(RECIPROCAL_GZIP gzip REQUIRED)
set(RECIPROCAL_GZIPPED)
function(reciprocal_gzip source name)
  set(copy ${RECIPROCAL_PACKAGE_FILES}/${name})
  add_custom_command(OUTPUT ${copy}.gz
    COMMAND ${CMAKE_COMMAND} -E copy ${source} ${copy}
    COMMAND ${RECIPROCAL_GZIP} -9nf ${copy}
    DEPENDS ${source}
    COMMENT "Compressing ${name}"
    VERBATIM)
  set(RECIPROCAL_GZIPPED ${RECIPROCAL_GZIPPED} ${copy}.gz PARENT_SCOPE)
endfunction()

reciprocal_gzip(${CMAKE_CURRENT_LIST_DIR}/reciprocal.1 reciprocal.1)
install(FILES ${RECIPROCAL_PACKAGE_FILES}/reciprocal.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The changelog's newest entry should be this version: Debian tools read the version from it.
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/changelog RECIPROCAL_CHANGELOG_TOP LIMIT_COUNT 1)
if(NOT RECIPROCAL_CHANGELOG_TOP MATCHES "^${RECIPROCAL_PACKAGE_NAME} \\(${PROJECT_VERSION}\\) ")
  message(WARNING "installer/changelog starts with '${RECIPROCAL_CHANGELOG_TOP}': add an entry for "
                  "version ${PROJECT_VERSION} before packaging")
endif()
reciprocal_gzip(${CMAKE_CURRENT_LIST_DIR}/changelog changelog)
install(FILES ${RECIPROCAL_PACKAGE_FILES}/changelog.gz ${CMAKE_CURRENT_LIST_DIR}/copyright
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${RECIPROCAL_PACKAGE_NAME})

add_custom_target(reciprocal_package_files ALL DEPENDS ${RECIPROCAL_ICON_PNGS} ${RECIPROCAL_GZIPPED})

install(FILES ${PROJECT_SOURCE_DIR}/resources/${RECIPROCAL_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/${RECIPROCAL_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# The .rcp file type; dpkg's trigger on this folder runs update-mime-database.
install(FILES ${PROJECT_SOURCE_DIR}/resources/${RECIPROCAL_APP_ID}.mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME ${RECIPROCAL_APP_ID}.xml)

# A package must run on every x86-64 with AVX2: a -march=native binary dies with SIGILL on CPUs
# without this machine's AVX-512, and a sanitizer build is slow and noisy. cpack refuses both.
if(RECIPROCAL_NATIVE OR RECIPROCAL_SANITIZE)
  message(STATUS "Not portable (RECIPROCAL_NATIVE or RECIPROCAL_SANITIZE): cpack will refuse to "
                 "package this build; installer/build-package.sh makes a portable one")
  # cpack reads this file before it builds or installs anything.
  set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/RefuseUnportablePackage.cmake)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${RECIPROCAL_PACKAGE_NAME})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Reciprocal developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Debian wants the long description's lines under 80 columns.
set(CPACK_PACKAGE_DESCRIPTION
    "Reciprocal trains feed-forward neural networks whose weights are written
through an eigen-decomposition, W[i][j] = phi[i][j] * (lam_in[j] - lam_out[i]):
the eigenvalues rank the nodes, so the least important ones can be pruned.
The desktop application (reciprocal gui) trains on a background thread while
live views show loss curves, eigenvalue spectra, node rankings, weight masks
and the network, and prunes by hand with undo. The command line trains,
evaluates, prunes, sweeps and runs experiment files that reproduce the
published results on Fashion-MNIST.
Built for any x86-64 CPU with AVX2 and FMA.")
set(CPACK_PACKAGE_CONTACT "Reciprocal maintainers <maintainers@users.noreply.b-seed-efac97c0.example>"
    CACHE STRING "The package's Maintainer field")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps (dpkg-dev) derives Depends from the libraries the binary links: Qt 6, oneTBB,
# zlib, libstdc++. Qt's platform and SVG icon plugins come with libqt6gui6 and libqt6svg6.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The default data set; without it every other data set still works with --dataset-dir.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS dataset-fashion-mnist)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
