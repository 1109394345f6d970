using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Cli.Tests;

/// <summary><c>nangsuat-trace audit verify</c> as an auditor runs it: files in, a JSON report and an exit code out.</summary>
public sealed class AuditVerifyTests : IDisposable
{
    private const string Origin = "truyxuat.sonla.example/audit";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("audit-verify-");
    private readonly CheckpointKey _key = CheckpointKey.Generate(Origin);

    private (string Export, string Checkpoint) Write(int size, Func<int, string, string>? tamper = null)
    {
        var range = new CompactRange();
        var lines = new List<string>();
        string Line(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                write(json);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        var entries = new List<(string Entry, byte[] Leaf)>();
        for (var i = 0; i < size; i++)
        {
            var entry = $$"""{"action":"created","id":"e{{i}}","index":{{i}}}""";
            var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(entry));
            range.Append(leaf);
            entries.Add((tamper?.Invoke(i, entry) ?? entry, leaf));
        }

        var checkpoint = new Checkpoint(Origin, size, range.Root()).Sign(_key);
        lines.Add(Line(w => LogExport.WriteHeader(w, Origin, size, _key)));
        lines.Add(Line(w => LogExport.WriteCheckpoint(w, checkpoint)));
        lines.AddRange(entries.Select((e, i) => Line(w => LogExport.WriteEntry(w, i, e.Leaf, Encoding.UTF8.GetBytes(e.Entry)))));
        var (exportFile, checkpointFile) = (Path.Combine(_folder.FullName, $"export-{Guid.NewGuid():N}.jsonl"), Path.Combine(_folder.FullName, "checkpoint.txt"));
        File.WriteAllLines(exportFile, lines);
        File.WriteAllText(checkpointFile, checkpoint);
        return (exportFile, checkpointFile);
    }

    private static (int Exit, JsonElement? Report, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString().Length > 0 ? JsonDocument.Parse(stdout.ToString()).RootElement.Clone() : null, stderr.ToString());
    }

    [Fact]
    public void A_whole_log_verifies_with_the_published_pem_key_and_exits_0()
    {
        var (export, checkpoint) = Write(33);
        var pem = Path.Combine(_folder.FullName, "key.pem");
        File.WriteAllText(pem, PemEncoding.WriteString("PUBLIC KEY", _key.PublicKey));
        var (exit, report, _) = Run("audit", "verify", export, "--checkpoint", checkpoint, "--key", pem);
        Assert.Equal(0, exit);
        Assert.True(report!.Value.GetProperty("verified").GetBoolean());
        Assert.Equal(33, report.Value.GetProperty("entries").GetInt64());
    }

    [Fact]
    public void A_changed_entry_exits_1_naming_it_and_without_a_key_the_report_warns()
    {
        var (export, checkpoint) = Write(33, (i, entry) => i == 17 ? entry.Replace("created", "deleted") : entry);
        var (exit, report, err) = Run("audit", "verify", export, "--checkpoint", checkpoint);
        Assert.Equal(1, exit);
        Assert.Equal(17, report!.Value.GetProperty("firstProblem").GetProperty("index").GetInt64());
        Assert.Equal("e17", report.Value.GetProperty("firstProblem").GetProperty("entryId").GetString());
        Assert.True(report.Value.GetProperty("keyFromExport").GetBoolean());
        Assert.Contains("export's own key", err);
    }

    [Fact]
    public void Missing_files_and_a_key_that_is_not_one_are_usage_errors()
    {
        var (export, checkpoint) = Write(3);
        Assert.Equal(2, Run("audit", "verify", Path.Combine(_folder.FullName, "nope.jsonl"), "--checkpoint", checkpoint).Exit);
        Assert.Equal(2, Run("audit", "verify", export).Exit);
        var notKey = Path.Combine(_folder.FullName, "not-a-key.json");
        File.WriteAllText(notKey, """{"name": 5}""");
        var (exit, _, err) = Run("audit", "verify", export, "--checkpoint", checkpoint, "--key", notKey);
        Assert.Equal(2, exit);
        Assert.Contains("neither the log's key", err);
    }

    public void Dispose()
    {
        _key.Dispose();
        _folder.Delete(recursive: true);
    }
}
