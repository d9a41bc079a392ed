// The connection's kept statements (storage/database.h): prepared once, reused, reset after each
// use, safe when the same statement is run inside its own rows, and forgotten when the schema
// changes.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/database.h"

namespace kinbridge {
namespace {

namespace fs = std::filesystem;
using detail::CachedStatement;
using detail::Database;
using detail::RunCached;
using detail::WriteTransaction;

class StatementCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("kinbridge-statement-cache-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_)) << dir_;
    path_ = (dir_ / "cache.db").string();
    Result<std::unique_ptr<Database>> db = Database::OpenSqlite(path_, true, 2000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->EnableWriteAheadLog().ok());
    WriteTransaction tx(*db_);
    db_->session() << "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
    for (const char* name : {"a", "b", "c"}) {
      const std::string n = name;
      db_->session() << "INSERT INTO item (name) VALUES (:n)", soci::use(n);
    }
    tx.Commit();
  }

  void TearDown() override {
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  long long Count() {
    long long count = 0;
    RunCached(*db_, "SELECT count(*) FROM item", soci::into(count));
    return count;
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

TEST_F(StatementCacheTest, StatementIsPreparedOnceAndReusedWithNewValues) {
  const long long prepared = db_->PreparedStatements();
  std::vector<std::string> names;
  for (long long id : {3, 1, 2}) {
    std::string name;
    ASSERT_TRUE(
        RunCached(*db_, "SELECT name FROM item WHERE id = :id", soci::use(id), soci::into(name)));
    names.push_back(name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"c", "a", "b"}));
  long long missing = 9;
  std::string none = "unchanged";
  EXPECT_FALSE(RunCached(*db_, "SELECT name FROM item WHERE id = :id", soci::use(missing),
                         soci::into(none)));
  EXPECT_EQ(none, "unchanged");
  EXPECT_EQ(db_->PreparedStatements(), prepared + 1);
  EXPECT_EQ(db_->KeptStatements(), 1u);
}

TEST_F(StatementCacheTest, SameStatementInsideItsOwnRowsGetsItsOwn) {
  const std::string sql = "SELECT id, name FROM item WHERE id >= :from ORDER BY id";
  std::vector<std::string> pairs;
  long long from = 1, id = 0;
  std::string name;
  CachedStatement outer(*db_, sql, soci::use(from), soci::into(id), soci::into(name));
  outer->execute();
  while (outer->fetch()) {
    long long inner_from = id, inner_id = 0;
    std::string inner_name;
    CachedStatement inner(*db_, sql, soci::use(inner_from), soci::into(inner_id),
                          soci::into(inner_name));
    inner->execute();
    while (inner->fetch()) pairs.push_back(name + inner_name);
  }
  EXPECT_EQ(pairs, (std::vector<std::string>{"aa", "ab", "ac", "bb", "bc", "cc"}));
  EXPECT_EQ(db_->KeptStatements(), 1u) << "the nested use is not kept";
}

TEST_F(StatementCacheTest, StatementLeftOnARowHoldsNoSnapshot) {
  // Reads only the first of three rows and returns the statement.
  std::string first;
  ASSERT_TRUE(RunCached(*db_, "SELECT name FROM item ORDER BY id", soci::into(first)));
  EXPECT_EQ(first, "a");
  // Another process adds a row; this connection sees it at once, and may write.
  {
    soci::session other(*soci::factory_sqlite3(), "db=\"" + path_ + "\" timeout=2");
    other << "INSERT INTO item (name) VALUES ('d')";
  }
  EXPECT_EQ(Count(), 4);
  WriteTransaction tx(*db_);
  const std::string n = "e";
  RunCached(*db_, "INSERT INTO item (name) VALUES (:n)", soci::use(n));
  tx.Commit();
  EXPECT_EQ(Count(), 5);
}

TEST_F(StatementCacheTest, SchemaChangeForgetsKeptStatements) {
  EXPECT_EQ(Count(), 3);
  const std::size_t kept = db_->KeptStatements();
  ASSERT_GE(kept, 1u);
  const long long prepared = db_->PreparedStatements();
  {
    // Borrowed while the schema changes: dropped when returned, not reused.
    std::string name;
    CachedStatement borrowed(*db_, "SELECT name FROM item ORDER BY id", soci::into(name));
    borrowed->execute(true);
    db_->ForgetStatements();
    EXPECT_EQ(db_->KeptStatements(), 1u);
  }
  EXPECT_EQ(db_->KeptStatements(), 0u);
  db_->session() << "ALTER TABLE item ADD COLUMN size INTEGER NOT NULL DEFAULT 7";
  long long size = 0;
  ASSERT_TRUE(RunCached(*db_, "SELECT size FROM item WHERE id = 1", soci::into(size)));
  EXPECT_EQ(size, 7);
  EXPECT_EQ(Count(), 3);
  EXPECT_EQ(db_->PreparedStatements(), prepared + 3) << "prepared again after the change";
}

TEST_F(StatementCacheTest, FailedStatementIsReturnedAndUsableAgain) {
  const std::string sql = "INSERT INTO item (id, name) VALUES (:id, :n)";
  long long id = 1;
  std::string n = "duplicate";
  {
    WriteTransaction tx(*db_);
    EXPECT_THROW(RunCached(*db_, sql, soci::use(id), soci::use(n)), soci::soci_error);
  }
  id = 10;
  n = "j";
  WriteTransaction tx(*db_);
  RunCached(*db_, sql, soci::use(id), soci::use(n));
  tx.Commit();
  EXPECT_EQ(Count(), 4);
  EXPECT_EQ(db_->KeptStatements(), 2u);
}

// The same connection's column-wise writes (Database::InsertRows, InsertRow, ReserveIds), which
// bind SQLite's values themselves: every row with its given id, NULLs where asked, and a refused
// row refusing the whole transaction with the error kind DatabaseError gives SOCI's errors.
TEST_F(StatementCacheTest, RowsGivenColumnByColumnAreWrittenOrRefusedTogether) {
  {
    WriteTransaction tx(*db_);
    db_->session() << "CREATE TABLE note (id INTEGER PRIMARY KEY, item_id BIGINT NOT NULL "
                      "REFERENCES item(id), text TEXT, mark TEXT NOT NULL UNIQUE)";
    tx.Commit();
  }
  std::vector<long long> ids, items = {1, 2, 3};
  std::vector<std::string> texts = {"it's \"quoted\"", "", "{a,b} \\"}, marks = {"x", "y", "z"};
  std::vector<soci::indicator> nulls = {soci::i_ok, soci::i_null, soci::i_ok};
  {
    WriteTransaction tx(*db_);
    ids = db_->ReserveIds("note", 3);
    EXPECT_EQ(ids, (std::vector<long long>{1, 2, 3}));
    db_->InsertRows(detail::NewRows("note")
                        .Add("id", ids)
                        .Add("item_id", items)
                        .Add("text", texts, &nulls)
                        .Add("mark", marks));
    std::vector<long long> one_item = {2};
    std::vector<std::string> one_text = {"after"}, one_mark = {"w"};
    EXPECT_EQ(db_->InsertRow(detail::NewRows("note")
                                 .Add("item_id", one_item)
                                 .Add("text", one_text)
                                 .Add("mark", one_mark)),
              4);
    EXPECT_EQ(db_->ReserveIds("note", 2), (std::vector<long long>{5, 6}));
    tx.Commit();
  }
  std::string text, joined;
  soci::indicator ind = soci::i_ok;
  ASSERT_TRUE(RunCached(*db_, "SELECT text FROM note WHERE id = 1", soci::into(text)));
  EXPECT_EQ(text, texts[0]);
  ASSERT_TRUE(RunCached(*db_, "SELECT text FROM note WHERE id = 2", soci::into(text, ind)));
  EXPECT_EQ(ind, soci::i_null);
  ASSERT_TRUE(RunCached(*db_,
                        "SELECT group_concat(mark, '') FROM (SELECT mark FROM note ORDER "
                        "BY id)",
                        soci::into(joined)));
  EXPECT_EQ(joined, "xyzw");

  // A mark used before, and a child row without its parent: the batch is refused as a whole.
  for (const auto& [item, mark] : {std::pair<long long, std::string>{1, "x"}, {99, "v"}}) {
    SCOPED_TRACE(mark);
    WriteTransaction tx(*db_);
    std::vector<long long> batch_ids = db_->ReserveIds("note", 2), batch_items = {1, item};
    std::vector<std::string> batch_texts = {"t", "t"}, batch_marks = {"u", mark};
    try {
      db_->InsertRows(detail::NewRows("note")
                          .Add("id", batch_ids)
                          .Add("item_id", batch_items)
                          .Add("text", batch_texts)
                          .Add("mark", batch_marks));
      ADD_FAILURE() << "the batch was written";
    } catch (const std::exception& e) {
      EXPECT_TRUE(detail::DatabaseError(e, "writing notes").IsConflict()) << e.what();
    }
  }
  long long notes = 0;
  RunCached(*db_, "SELECT count(*) FROM note", soci::into(notes));
  EXPECT_EQ(notes, 4);
  // Columns of unequal length are a mistake of the caller, not a database error.
  std::vector<long long> two = {7, 8}, one = {1};
  EXPECT_THROW(db_->InsertRows(detail::NewRows("note").Add("id", two).Add("item_id", one)),
               std::logic_error);
}

}  // namespace
}  // namespace kinbridge
