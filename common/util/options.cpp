#include "util/options.hpp"

#include "util/errors.hpp"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>

#include <cstdint>

namespace dateline::util {

namespace po = boost::program_options;

namespace {

bool is_unsigned(const po::value_semantic* semantic) {
    return dynamic_cast<const po::typed_value<unsigned int>*>(semantic) != nullptr ||
           dynamic_cast<const po::typed_value<unsigned long>*>(semantic) != nullptr ||
           dynamic_cast<const po::typed_value<unsigned long long>*>(semantic) != nullptr ||
           dynamic_cast<const po::typed_value<unsigned short>*>(semantic) != nullptr;
}

bool whole_number(const std::string& value) {
    return !value.empty() && value.size() <= 19 && value.find_first_not_of("0123456789") == std::string::npos;
}

} // namespace

void check_unsigned_options(const std::vector<std::string>& arguments,
                            const po::options_description& options) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const auto& argument = arguments[i];
        if (argument == "--") {
            return;
        }
        if (!argument.starts_with("--") || argument.size() == 2) {
            continue;
        }
        const auto equals = argument.find('=');
        const auto name = argument.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        const auto* option = options.find_nothrow(name, false);
        if (option == nullptr || !is_unsigned(option->semantic().get())) {
            continue;
        }
        std::string value;
        if (equals != std::string::npos) {
            value = argument.substr(equals + 1);
        } else if (i + 1 < arguments.size()) {
            value = arguments[++i];
        } else {
            continue; // Boost says the value is missing
        }
        if (!whole_number(value)) {
            throw po::error("--" + name + " " + value + ": give a whole number, 0 or more");
        }
    }
}

po::variables_map parse_arguments(const std::vector<std::string>& arguments,
                                  const po::options_description& options,
                                  const po::positional_options_description& positional,
                                  std::string_view help_command, std::string_view prefix) {
    po::variables_map vm;
    try {
        check_unsigned_options(arguments, options);
        po::store(po::command_line_parser(arguments).options(options).positional(positional).run(), vm);
        if (!vm.count("help")) {
            po::notify(vm);
        }
    } catch (const po::error& e) {
        throw UsageError(std::string(prefix) + e.what() + "; see " + std::string(help_command) + " --help");
    }
    return vm;
}

} // namespace dateline::util
