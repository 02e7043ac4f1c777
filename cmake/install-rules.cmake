# Install the library, its headers (with the generated export.hpp), a CMake package
# (find_package(cchc), target cchc::cchc) and a pkg-config file.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS cchc EXPORT cchcTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/cchc DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/cchc/export.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/cchc)

set(cchc_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/cchc)
install(EXPORT cchcTargets NAMESPACE cchc:: DESTINATION ${cchc_cmake_dir})

if(BUILD_SHARED_LIBS)
  set(CCHC_IS_STATIC OFF)
else()
  set(CCHC_IS_STATIC ON)
endif()
configure_package_config_file(cmake/cchcConfig.cmake.in ${PROJECT_BINARY_DIR}/cchcConfig.cmake
  INSTALL_DESTINATION ${cchc_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cchcConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cchcConfig.cmake ${PROJECT_BINARY_DIR}/cchcConfigVersion.cmake
  DESTINATION ${cchc_cmake_dir})

if(BUILD_SHARED_LIBS)
  set(CCHC_PC_PRIVATE_LIBS "")
  set(CCHC_PC_CFLAGS "")
else()
  # A C program linking the static library needs the C++ runtime too (cchc.h).
  set(CCHC_PC_PRIVATE_LIBS "-lyaml-cpp -licui18n -licuuc -licudata -lgmpxx -lgmp -lfmt -lxlsxwriter -lz -lorcus-0.17 -lorcus-parser-0.17 -lpthread -lstdc++ -lm")
  set(CCHC_PC_CFLAGS " -DCCHC_STATIC_DEFINE")
endif()
# ${pcfiledir} is <prefix>/<libdir>/pkgconfig: climb one level per component of libdir, plus one.
string(REPLACE "/" ";" cchc_libdir_parts "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
set(CCHC_PC_UP "")
foreach(part IN LISTS cchc_libdir_parts)
  string(APPEND CCHC_PC_UP "../")
endforeach()
string(REGEX REPLACE "/$" "" CCHC_PC_UP "${CCHC_PC_UP}")
configure_file(cmake/cchc.pc.in ${PROJECT_BINARY_DIR}/cchc.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cchc.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
