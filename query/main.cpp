// dateline-query: parse the command line, run, map failures to the exit statuses of util/exit_status.hpp.
#include "commands/query_command.hpp"
#include "util/errors.hpp"
#include "util/exit_status.hpp"

#include <xapian.h>

#include <iostream>

int main(int argc, char** argv) {
    namespace status = dateline::exit_status;
    try {
        return dateline::run_query_command(argc, argv);
    } catch (const dateline::UsageError& e) {
        std::cerr << "dateline-query: error: " << e.what() << '\n';
        return status::k_usage;
    } catch (const dateline::DataError& e) {
        std::cerr << "dateline-query: error: " << e.what() << '\n';
        return status::k_data;
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-query: error: " << e.get_description() << '\n';
        return status::k_data;
    } catch (const std::exception& e) {
        std::cerr << "dateline-query: error: " << e.what() << '\n';
        return status::k_data;
    }
}
