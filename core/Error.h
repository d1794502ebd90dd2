#pragma once

#include <stdexcept>
#include <string>

namespace reciprocal {

// Base of every error the core reports; what() is a complete one-line message for a user.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input from outside: a missing, truncated or corrupt file, a wrong shape, an impossible
// request. The command line maps it to exit code 2.
class InputError : public Error {
public:
    using Error::Error;
};

// The loss became NaN or infinite; the trainer has rolled back to its last good state.
class DivergenceError : public Error {
public:
    using Error::Error;
};

} // namespace reciprocal
