using System.Diagnostics;
using System.Reflection;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using Microsoft.Data.Sqlite;

namespace CloudApproval.Bench;

/// <summary>
/// The documented bulk loader: copies template cases (written by the product) under new case ids and applicants. A copy
/// is the template's stored rows with the case id, the applicant and the task ids replaced, and everything the chain
/// derives from them recomputed by the product's own code (RowDigest and CaseDigest for each entry's state digest,
/// AuditChain for the hashes): so a copy is what the product would have written for that case id and applicant, and
/// AuditVerifier checks it like any case. The product's writes cost ~2 ms per transition; 10 million of them would take
/// hours, a copy costs microseconds.
/// </summary>
internal static class SeedLoader
{
    private const string IdAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Chunk = 4000;

    public sealed record Report(int Cases, long Tasks, long Entries, TimeSpan Copy, TimeSpan Indexes);

    /// <summary>Each template recomputed unchanged must give back its own stored hashes: the loader hashes as the product does.</summary>
    public static void CheckTemplates(IReadOnlyList<SeedTemplate> templates)
    {
        foreach (var t in templates)
        {
            var copy = Build(t, t.CaseId, t.Applicant, TaskIds(t));
            var stored = t.Audit.Select(a => (string)Value(a, "Hash")!).ToList();
            if (!copy.Entries.Select(e => e.Hash).SequenceEqual(stored) || copy.RowDigests != (string)Value(t.Case, "RowDigests")!)
                throw new InvalidOperationException($"template {t.CaseId}: recomputing its chain does not give its stored hashes");
        }
    }

    public static async Task<Report> LoadAsync(string connectionString, IReadOnlyList<SeedTemplate> templates, int copies, int applicants)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        // A one-off load, not the product's write path: durability is irrelevant until it finishes (a crash reloads).
        await ExecAsync(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");
        // Indexes are dropped and rebuilt afterwards with the migration's own SQL: one sort each instead of 11 million
        // random B-tree inserts; the schema ends up exactly as migrated.
        var indexes = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('Cases', 'Tasks', 'AuditEntries', 'WorkingDepartments')";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) indexes.Add(reader.GetString(0));
        }
        foreach (var sql in indexes) await ExecAsync(connection, "DROP INDEX " + IndexName(sql));

        var taskBase = await ScalarAsync(connection, "SELECT COALESCE(MAX(Id), 0) FROM Tasks") + 1;
        var entryBase = await ScalarAsync(connection, "SELECT COALESCE(MAX(Id), 0) FROM AuditEntries") + 1;
        var sample = templates[0];
        if (templates.Any(t => t.Tasks.Count != sample.Tasks.Count))
            throw new InvalidOperationException("the templates differ in their number of tasks");
        var tasksPerCase = sample.Tasks.Count;
        using var insertCase = Insert(connection, "Cases", sample.Case.Columns);
        using var insertTask = Insert(connection, "Tasks", sample.Tasks[0].Columns);
        using var insertEntry = Insert(connection, "AuditEntries", sample.Audit[0].Columns);
        if (templates.Any(t => t.WorkingDepartments.Count == 0))
            throw new InvalidOperationException("a template has no working department: the product did not record its tasks' department");
        using var insertWorking = Insert(connection, "WorkingDepartments", sample.WorkingDepartments[0].Columns);

        var clock = Stopwatch.StartNew();
        Copy[] Compute(int from) => [.. Enumerable.Range(from, Math.Min(Chunk, copies - from)).AsParallel().AsOrdered().Select(i =>
        {
            var t = templates[i % templates.Count];
            var caseId = $"CA-{t.CaseId[3..11]}-{Code(i)}";
            var taskIds = t.Tasks.Select((row, k) => (From: (long)Value(row, "Id")!, To: taskBase + ((long)i * tasksPerCase) + k)).ToDictionary(p => p.From, p => p.To);
            return Build(t, caseId, $"applicant-{i % applicants:D7}", taskIds) with
            {
                Index = i,
            };
        })];
        var next = copies > 0 ? Task.Run(() => Compute(0)) : null;
        for (var from = 0; from < copies; from += Chunk)
        {
            var batch = await next!;
            next = from + Chunk < copies ? Task.Run(() => Compute(from + Chunk)) : null;
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            insertCase.Transaction = insertTask.Transaction = insertEntry.Transaction = insertWorking.Transaction = transaction;
            foreach (var copy in batch)
            {
                var t = copy.Template;
                Run(insertCase, t.Case, copy.Substitute, new()
                {
                    ["AuditHead"] = copy.Entries[^1].Hash,
                    ["RowDigests"] = copy.RowDigests,
                });
                for (var k = 0; k < t.Tasks.Count; k++)
                    Run(insertTask, t.Tasks[k], copy.Substitute, new() { ["Id"] = copy.TaskIds[(long)Value(t.Tasks[k], "Id")!] });
                foreach (var working in t.WorkingDepartments) Run(insertWorking, working, copy.Substitute, []);
                for (var k = 0; k < t.Audit.Count; k++)
                {
                    var e = copy.Entries[k];
                    Run(insertEntry, t.Audit[k], copy.Substitute, new()
                    {
                        ["Id"] = entryBase + ((long)copy.Index * t.Audit.Count) + k,
                        ["StateDigest"] = e.StateDigest,
                        ["PreviousHash"] = e.PreviousHash,
                        ["Hash"] = e.Hash,
                    });
                }
            }
            await transaction.CommitAsync();
            if ((from / Chunk) % 25 == 24) Console.Error.WriteLine($"  {from + batch.Length:N0} cases copied in {clock.Elapsed.TotalSeconds:F0} s");
        }
        var copyTime = clock.Elapsed;
        clock.Restart();
        foreach (var sql in indexes) await ExecAsync(connection, sql);
        await ExecAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new Report(copies, (long)copies * tasksPerCase, (long)copies * sample.Audit.Count, copyTime, clock.Elapsed);
    }

    /// <summary>One copy of a template: its substitutions, its recomputed chain and digest map.</summary>
    private sealed record Copy(SeedTemplate Template, Func<string, string> Substitute, IReadOnlyDictionary<long, long> TaskIds, List<AuditEntry> Entries, string RowDigests)
    {
        public int Index { get; init; }
    }

    private static Dictionary<long, long> TaskIds(SeedTemplate t) => t.Tasks.ToDictionary(r => (long)Value(r, "Id")!, r => (long)Value(r, "Id")!);

    private static Copy Build(SeedTemplate t, string caseId, string applicant, IReadOnlyDictionary<long, long> taskIds)
    {
        // Ids and names are whole tokens (CA-20260302-K7Q2XMAB, applicant-0000042); task ids only appear as "task":<id>.
        string Substitute(string text)
        {
            var s = text.Replace(t.CaseId, caseId, StringComparison.Ordinal).Replace(t.Applicant, applicant, StringComparison.Ordinal);
            if (!s.Contains("\"task\":", StringComparison.Ordinal)) return s;
            foreach (var (from, to) in taskIds)
                if (from != to) s = s.Replace($"\"task\":{from},", $"\"task\":{to},", StringComparison.Ordinal).Replace($"\"task\":{from}}}", $"\"task\":{to}}}", StringComparison.Ordinal);
            return s;
        }
        var entries = new List<AuditEntry>(t.Audit.Count);
        var previous = AuditChain.Genesis;
        var map = "";
        // A row the step did not change is the same object in consecutive snapshots (see SeedTemplates): digested once.
        var digests = new Dictionary<object, (string Key, string Digest)>(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < t.Audit.Count; k++)
        {
            var rows = new CaseDigest();
            foreach (var row in t.RowsAfterEntry[k])
            {
                if (!digests.TryGetValue(row, out var digest)) digests[row] = digest = RowDigest.Of(Clone(row, Substitute))!.Value;
                rows.Add(digest.Key, digest.Digest);
            }
            map = rows.ToText();
            var raw = t.Audit[k];
            var entry = new AuditEntry
            {
                CaseId = caseId,
                Sequence = (long)Value(raw, "Sequence")!,
                At = DateTime.SpecifyKind(DateTime.Parse((string)Value(raw, "At")!, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
                Actor = Substitute((string)Value(raw, "Actor")!),
                Action = (string)Value(raw, "Action")!,
                Detail = Substitute((string)Value(raw, "Detail")!),
                StateDigest = ContentHash.Of(map),
                PreviousHash = previous,
                Hash = "",
            };
            entry.Hash = previous = AuditChain.HashOf(entry);
            entries.Add(entry);
        }
        return new Copy(t, Substitute, taskIds, entries, map);
    }

    /// <summary>A copy of an entity row (case, task) with every text column substituted: what RowDigest hashes.</summary>
    private static object Clone(object row, Func<string, string> substitute)
    {
        var copy = Activator.CreateInstance(row.GetType())!;
        foreach (var p in Properties(row.GetType()))
        {
            var value = p.GetValue(row);
            p.SetValue(copy, value is string s ? substitute(s) : value);
        }
        return copy;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> PropertyCache = new();

    private static PropertyInfo[] Properties(Type type) =>
        PropertyCache.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite)]);

    /// <summary>A readable, deterministic case id suffix: a bijection of the copy's number onto 8 letters of the product's alphabet.</summary>
    private static string Code(int i)
    {
        var x = (ulong)(((long)i * 0x9E3779B1L) + 0x5BD1E995L) & ((1UL << 40) - 1);
        Span<char> chars = stackalloc char[8];
        for (var k = 7; k >= 0; k--)
        {
            chars[k] = IdAlphabet[(int)(x & 31)];
            x >>= 5;
        }
        return new string(chars);
    }

    private static object? Value(RawRow row, string column) => row.Values[Array.IndexOf(row.Columns, column)];

    private static SqliteCommand Insert(SqliteConnection connection, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        return command;
    }

    private static void Run(SqliteCommand command, RawRow row, Func<string, string> substitute, Dictionary<string, object> overrides)
    {
        for (var i = 0; i < row.Columns.Length; i++)
        {
            var value = overrides.TryGetValue(row.Columns[i], out var o) ? o : row.Values[i] is string s ? substitute(s) : row.Values[i];
            command.Parameters[i].Value = value ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static string IndexName(string createSql)
    {
        // CREATE [UNIQUE] INDEX "IX_..." ON ...
        var start = createSql.IndexOf('"', StringComparison.Ordinal);
        return createSql[start..(createSql.IndexOf('"', start + 1) + 1)];
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
