# SPDX-License-Identifier: MIT
# CPack's project config file, set by installer/Packaging.cmake only for -march=native or sanitizer
# builds: such a binary is not fit to install on other machines, so cpack stops at once.
message(FATAL_ERROR "Refusing to package a build configured with RECIPROCAL_NATIVE=ON or "
                    "RECIPROCAL_SANITIZE: packages must run on any x86-64 CPU. "
                    "Run installer/build-package.sh, which configures a portable build.")
