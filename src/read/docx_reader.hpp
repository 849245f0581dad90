// Word documents (.docx; .doc through LibreOffice): a commune's plan is a Word document
// whose annexes are tables. read_workbook() turns every table of word/document.xml into a
// sheet; the document model below also keeps the prose between the tables, for drafting
// an annex from a plan written as sentences.
//
//   DocxDocument doc = load_docx_document("ke-hoach.docx");   // throws InputError
//   for (const auto& t : doc.tables) std::cout << t.name << ": " << t.rows.size() << " rows\n";
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "read/limits.hpp"

namespace tonghop {

class ZipArchive;

struct DocxParagraph {
  std::string text;       // with its list label: "1. Thu ngân sách ..."
  std::string label;      // the list label alone ("1.", "a)", "I."), "" when none
  int heading = 0;        // outline level 1..9 (heading styles, outlineLvl), 0 for body text
  std::uint32_t line = 0; // first line in a text file (plan extract on .txt), 0 in a .docx
};

struct DocxCell {
  std::uint32_t col = 0;       // first grid column
  std::uint32_t span = 1;      // grid columns covered (gridSpan)
  std::uint32_t rows = 1;      // rows covered (vMerge)
  std::string text;            // the cell's paragraphs joined with '\n'
};

struct DocxTable {
  std::string name;                // the sheet name: the annex heading above it ("PHỤ LỤC 1")
  std::size_t paragraphs_before;   // doc.paragraphs[0, paragraphs_before) come before the table
  std::uint32_t columns = 0;       // grid width
  std::vector<std::vector<DocxCell>> rows;  // vMerge continuations folded into the cell above
};

struct DocxDocument {
  std::vector<DocxParagraph> paragraphs;  // body paragraphs outside the tables, in order
  std::vector<DocxTable> tables;          // top-level tables in order (layout wrappers unwrapped)
  // The document's first lines (the issuing body, "ỦY BAN NHÂN DÂN / XÃ VĨNH THỊNH"),
  // repeated above every sheet so the plan knows its commune.
  std::vector<std::string> masthead;
  // A text file's lines as read, trimmed (plan extract on .txt: a table flattened to one
  // cell line after another is read from them); empty for a .docx.
  std::vector<std::string> text_lines;
};

// Parses word/document.xml (with styles.xml and numbering.xml) of an opened package.
DocxDocument read_docx_document(const ZipArchive& zip, const ReadLimits& limits);
// A .docx, or a .doc converted by LibreOffice when installed; throws InputError naming the file.
DocxDocument load_docx_document(const std::string& path, const ReadLimits& limits = {});

}  // namespace tonghop
