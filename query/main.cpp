// dateline-query: parse the command line, run, map failures to exit statuses.
#include "commands/query_command.hpp"
#include "util/errors.hpp"

#include <xapian.h>

#include <iostream>

int main(int argc, char** argv) {
    try {
        return dateline::run_query_command(argc, argv);
    } catch (const dateline::UsageError& e) {
        std::cerr << "dateline-query: error: " << e.what() << '\n';
        return 2;
    } catch (const dateline::DataError& e) {
        std::cerr << "dateline-query: error: " << e.what() << '\n';
        return 1;
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-query: error: " << e.get_description() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "dateline-query: error: " << e.what() << '\n';
        return 1;
    }
}
