// Number formats: the code of a built-in format id, and the class of any format code.
#pragma once

#include <string_view>

#include "core/cell.hpp"

namespace tonghop {

// Built-in OOXML/BIFF format ids 0-58; the East Asian date ids (27-36, 50-58) get a
// generic date or time code; "" for other ids Excel leaves to the locale.
std::string_view builtin_number_format(unsigned id);

// Percent when a '%' stands outside quotes, Date for day/month/year/hour/second tokens,
// Text for "@", General for "General"/"", Other for any other number format.
FormatClass classify_number_format(std::string_view code);

// [h]:mm:ss, [mm]:ss, [s]: elapsed time, a duration rather than a date.
bool is_elapsed_time_format(std::string_view code);

}  // namespace tonghop
