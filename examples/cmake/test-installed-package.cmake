# What an integrator does with a release of cchc, run as one ctest test:
#   cmake -DCCHC_BUILD_DIR=<cchc build tree> -DCONSUMER_SOURCE_DIR=<project> -DWORK_DIR=<scratch>
#         [-DCXX_COMPILER=…] [-DBUILD_TYPE=…] [-DGENERATOR=…] [-DCONSUMER_ARGS=-DX=1|-DY=2]
#         -P test-installed-package.cmake
# installs the built library into WORK_DIR/prefix, configures and builds the consumer project
# against that prefix only, and runs the consumer's own tests with ctest.
foreach(required CCHC_BUILD_DIR CONSUMER_SOURCE_DIR WORK_DIR)
  if(NOT ${required})
    message(FATAL_ERROR "${required} is required")
  endif()
endforeach()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}): ${ARGN}")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
# A fresh prefix: files left by an earlier install (a shared build's .so) must not be found.
file(REMOVE_RECURSE ${prefix})
run("install" ${CMAKE_COMMAND} --install ${CCHC_BUILD_DIR} --prefix ${prefix})

set(configure ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${build} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(GENERATOR)
  list(APPEND configure -G ${GENERATOR})
endif()
if(CXX_COMPILER)
  list(APPEND configure -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
endif()
if(BUILD_TYPE)
  list(APPEND configure -DCMAKE_BUILD_TYPE=${BUILD_TYPE})
endif()
if(CONSUMER_ARGS)
  string(REPLACE "|" ";" consumer_args "${CONSUMER_ARGS}")
  list(APPEND configure ${consumer_args})
endif()
run("configure" ${configure})

# The package must come from the prefix just installed, not from a build tree or the system.
file(STRINGS ${build}/CMakeCache.txt found REGEX "^cchc_DIR:")
string(REGEX REPLACE "^cchc_DIR:[A-Z]+=" "" found "${found}")
file(REAL_PATH "${prefix}" real_prefix)
file(REAL_PATH "${found}" real_found)
string(FIND "${real_found}" "${real_prefix}/" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "find_package(cchc) used ${found}, not the package installed in ${prefix}")
endif()
message(STATUS "find_package(cchc) found ${found}")

run("build" ${CMAKE_COMMAND} --build ${build} --parallel 2)
run("consumer tests" ${CMAKE_CTEST_COMMAND} --test-dir ${build} --output-on-failure)
