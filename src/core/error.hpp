// The one error type for bad input: it names the file, the feature or line, and the field,
// so that every front end can print it as one line.
#pragma once

#include <stdexcept>
#include <string>

namespace qantar {

class InputError : public std::runtime_error {
public:
    // file: the path as the user gave it; where: "line 12", "feature 3" or "" ;
    // field: the attribute or column name, or "".
    InputError(std::string file, std::string where, std::string field, const std::string& message)
        : std::runtime_error(compose(file, where, field, message)),
          file_(std::move(file)), where_(std::move(where)), field_(std::move(field)) {}

    const std::string& file() const { return file_; }
    const std::string& where() const { return where_; }
    const std::string& field() const { return field_; }

private:
    static std::string compose(const std::string& file, const std::string& where,
                               const std::string& field, const std::string& message) {
        std::string s = file;
        if (!where.empty()) s += ": " + where;
        if (!field.empty()) s += ": field '" + field + "'";
        s += ": " + message;
        // One line, whatever the data held: line breaks in a quoted value show as "\n".
        std::string one_line;
        for (char c : s) one_line += c == '\n' ? std::string("\\n") : c == '\r' ? std::string() : std::string(1, c);
        return one_line;
    }
    std::string file_, where_, field_;
};

// A usage error (bad option value): exit status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace qantar
