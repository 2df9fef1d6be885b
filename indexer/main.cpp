// dateline-index: parse the command line, run, map failures to the exit statuses of util/exit_status.hpp.
#include "commands/index_command.hpp"
#include "util/errors.hpp"
#include "util/exit_status.hpp"
#include "writing/index_writer.hpp"
#include "writing/write_failure.hpp"

#include <xapian.h>

#include <csignal>
#include <iostream>

int main(int argc, char** argv) {
    namespace status = dateline::exit_status;
    // Past `ulimit -f`, a write fails with EFBIG (Xapian reports it, the database stays openable at its last
    // commit) instead of the signal killing the run without a word.
    std::signal(SIGXFSZ, SIG_IGN);
    dateline::report_write_failures_at_terminate(); // a write Xapian fails inside a destructor
    dateline::set_xapian_flush_threshold();         // before any thread: it sets an environment variable
    try {
        return dateline::run_index_command(argc, argv);
    } catch (const dateline::UsageError& e) {
        std::cerr << "dateline-index: error: " << e.what() << '\n';
        return status::k_usage;
    } catch (const dateline::DataError& e) {
        std::cerr << "dateline-index: error: " << e.what() << '\n';
        return status::k_data;
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-index: error: " << e.get_description() << '\n';
        return status::k_data;
    } catch (const std::exception& e) {
        std::cerr << "dateline-index: error: " << e.what() << '\n';
        return status::k_data;
    }
}
