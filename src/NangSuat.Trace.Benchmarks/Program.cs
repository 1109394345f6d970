using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Api.Serials;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;
using NangSuat.Trace.Labels.Linear;
using Npgsql;

// Prints throughput figures; it asserts nothing. Usage:
//   dotnet run -c Release --project src/NangSuat.Trace.Benchmarks [-- --serials 1000000] [--postgres "Host=…"]
//   dotnet run -c Release --project src/NangSuat.Trace.Benchmarks -- parse      (Digital Link parsing only)
//   dotnet run -c Release --project src/NangSuat.Trace.Benchmarks -- scan [--lots 100000] [--serials 1000000] [--api …/NangSuat.Trace.Api.dll] [--seconds 10]
//   dotnet run -c Release --project src/NangSuat.Trace.Benchmarks -- portal [--lots 10000] [--rounds 200] [--providers sqlite,postgres]
//   dotnet run -c Release --project src/NangSuat.Trace.Benchmarks -- log [--entries 100000] [--proof-entries 1000000] [--proofs 1000] [--providers sqlite,postgres]
if (args is ["scan", ..])
{
    await NangSuat.Trace.Benchmarks.Scan.ScanBenchmark.RunAsync(args[1..]);
    return;
}

if (args is ["portal", ..])
{
    await NangSuat.Trace.Benchmarks.Portal.PortalBenchmark.RunAsync(args[1..]);
    return;
}

if (args is ["log", ..])
{
    await NangSuat.Trace.Benchmarks.Log.LogBenchmark.RunAsync(args[1..]);
    return;
}

if (args.FirstOrDefault() == "parse")
{
    Parses();
    return;
}

var serialCount = args.SkipWhile(a => a != "--serials").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault()
    ?? Environment.GetEnvironmentVariable("TRACE_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Timeout=5";

Console.WriteLine($"NangSuat.Trace benchmarks — {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, one thread per figure");
Console.WriteLine();
Console.WriteLine($"{"what",-44} {"per second",12} {"mean",12}");

var link = "https://truyxuat.sonla.gov.vn/01/08936099000121/10/MC2611A/21/";
var message = ElementStringParser.Parse("(00)106141411234567897(02)08936099000121(37)24(10)MC2611A(17)281231(3103)012500").Value!;
var pack = ElementStringParser.Parse("(01)08936099000121(17)281231(10)MC2611A(21)7KQ2M9XH4CZP").Value!;
var i = 0;
Measure("QR label, PNG (8 px/module)", () => QrLabel.Encode(link + i++).ToPng());
Measure("QR label, SVG", () => QrLabel.Encode(link + i++).ToSvg(["(01) 08936099000121", "(10) MC2611A"]));
Measure("GS1-128 SSCC pallet label, PNG", () => Code128.Gs1(message.Raw, message.Bracketed).ToPng());
Measure("GS1 DataMatrix, PNG", () => DataMatrix.Gs1(pack.Raw).ToPng());
Measure("EAN-13, PNG", () => Ean.Ean13("8936099000121").ToPng());
Measure("parse + validate an element string", () => ElementStringParser.Parse("(01)08936099000121(17)281231(10)MC2611A(21)X1"));
Measure("serial number generation (CSPRNG)", () => SerialNumber.NewValue());
await ZipAsync(100_000);
Console.WriteLine();

await SerialsAsync("SQLite (file)", new DbContextOptionsBuilder<TraceDb>().UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.db")}"));
var database = "trace_bench_" + Guid.NewGuid().ToString("N");
try
{
    await using (var admin = new NpgsqlConnection(postgres))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
    }

    await SerialsAsync("PostgreSQL", new DbContextOptionsBuilder<TraceDb>().UseNpgsql(new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString));
}
catch (NpgsqlException e)
{
    Console.WriteLine($"PostgreSQL not measured: {e.Message}");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(postgres);
    try
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
    catch (NpgsqlException)
    {
        // no server, nothing to drop
    }
}

async Task SerialsAsync(string name, DbContextOptionsBuilder<TraceDb> options)
{
    options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    await using var db = new TraceDb(options.Options);
    await db.Database.MigrateAsync();
    var now = DateTimeOffset.UtcNow;
    var organization = new Organization { Id = Guid.CreateVersion7(), Name = "Bench", TaxCode = "0100109106", Commune = "X", Province = "Sơn La", CreatedAt = now, UpdatedAt = now };
    var product = new Product { Id = Guid.CreateVersion7(), OrganizationId = organization.Id, Gtin = "08936099000121", NameVi = "Bench", CreatedAt = now, UpdatedAt = now };
    var lot = new Lot { Id = Guid.CreateVersion7(), OrganizationId = organization.Id, ProductId = product.Id, LotNumber = "B1", CreatedAt = now, UpdatedAt = now };
    db.AddRange(organization, product, lot);
    await db.SaveChangesAsync();
    var batch = new SerialBatch { Id = Guid.CreateVersion7(), OrganizationId = organization.Id, LotId = lot.Id, Count = serialCount, CreatedAt = now };
    var memoryBefore = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    var written = await SerialWriter.TryWriteAsync(db, batch, product.Id, CancellationToken.None);
    clock.Stop();
    var allocated = (GC.GetTotalAllocatedBytes(precise: true) - memoryBefore) / (1024.0 * 1024.0);
    Console.WriteLine($"{$"issue {serialCount:N0} serials into {name}",-44} {serialCount / clock.Elapsed.TotalSeconds,12:N0} {clock.Elapsed.TotalSeconds,10:N1} s   ({(written ? "committed" : "collided")}, {allocated:N0} MiB allocated, peak working set {Environment.WorkingSet / (1024 * 1024):N0} MiB)");
}

// The labels.zip path: render, add to the archive, send, forget; memory must stay flat however many labels.
static async Task ZipAsync(int count)
{
    GC.Collect();
    var baseline = Environment.WorkingSet;
    var peak = baseline;
    var sink = new CountingStream();
    var clock = Stopwatch.StartNew();
    await using (var output = new NangSuat.Trace.Api.Infrastructure.DrainingStream(sink))
    {
        var zip = await System.IO.Compression.ZipArchive.CreateAsync(output, System.IO.Compression.ZipArchiveMode.Create, true, null);
        for (var n = 0; n < count; n++)
        {
            var serial = SerialNumber.NewValue();
            var png = QrLabel.Encode($"https://truyxuat.sonla.gov.vn/01/08936099000121/10/MC2611A/21/{serial}").ToPng();
            await using (var file = await zip.CreateEntry($"{serial}.png", System.IO.Compression.CompressionLevel.NoCompression).OpenAsync())
            {
                await file.WriteAsync(png);
            }

            await output.DrainAsync(CancellationToken.None);
            if (n % 5000 == 0)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
            }
        }

        await zip.DisposeAsync();
        await output.DrainAsync(CancellationToken.None);
    }

    clock.Stop();
    Console.WriteLine($"{$"{count:N0} QR PNG labels streamed as a ZIP",-44} {count / clock.Elapsed.TotalSeconds,12:N0} {clock.Elapsed.TotalSeconds,10:N1} s   ({sink.Length / (1024 * 1024):N0} MiB out, working set {baseline / (1024 * 1024):N0} → peak {peak / (1024 * 1024):N0} MiB)");
}

// The resolver parses every scan, as the path and query it receives. Each parse is shown beside
// System.Uri reading the same link on the portal's host, measured in the same run, so figures from
// a busy machine can still be compared by their ratio.
static void Parses()
{
    const string host = "https://truyxuat.sonla.gov.vn";
    const string lot = "/01/08936099000121/10/MC2611A?17=281231";
    const string serial = "/01/08936099000121/10/MC2611A/21/7KQ2M9XH4CZP";
    const string compressed = "/CxBBMgNecs5gW3WuoAuiVHg"; // the lot link, compressed by GS1's toolkit
    (string Name, string Path, Func<string, object> Parse)[] cases =
    [
        ("DigitalLink.Parse, lot + expiry", lot, s => DigitalLink.Parse(s)),
        ("DigitalLink.Parse, lot + serial", serial, s => DigitalLink.Parse(s)),
        ("DigitalLink.Parse, compressed", compressed, s => DigitalLink.Parse(s)),
        ("DigitalLinkUri.Parse, lot + expiry", lot, s => DigitalLinkUri.Parse(s)),
        ("ParseDigitalLink, lot + expiry", lot, s => ElementStringParser.ParseDigitalLink(s)),
        ("ParseDigitalLink, compressed", compressed, s => ElementStringParser.ParseDigitalLink(s)),
    ];

    Console.WriteLine($"Digital Link parsing — {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, one thread, best of 5 × 0.4 s a figure");
    Console.WriteLine();
    Console.WriteLine($"{"what",-36} {"parses/s",12} {"mean",10} {"new Uri/s",12} {"parse : Uri",12}");
    foreach (var (name, path, parse) in cases)
    {
        // Interleaved and best-of, so a neighbour's burst on a shared machine hits both or neither.
        var (parses, anchor) = (0.0, 0.0);
        for (var round = 0; round < 5; round++)
        {
            parses = Math.Max(parses, Rate(() => parse(path)));
            anchor = Math.Max(anchor, Rate(() => new Uri(host + path)));
        }

        Console.WriteLine($"{name,-36} {parses,12:N0} {1e6 / parses,7:N2} µs {anchor,12:N0} {parses / anchor,12:N2}");
    }

    static double Rate(Func<object> action)
    {
        for (var warm = 0; warm < 20_000; warm++)
        {
            action();
        }

        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(0.4))
        {
            for (var n = 0; n < 100; n++)
            {
                action();
            }

            count += 100;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}

static void Measure(string name, Action action)
{
    for (var warm = 0; warm < 200; warm++)
    {
        action();
    }

    var count = 0;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(2))
    {
        action();
        count++;
    }

    Console.WriteLine($"{name,-44} {count / clock.Elapsed.TotalSeconds,12:N0} {clock.Elapsed.TotalMicroseconds / count,9:N1} µs");
}

sealed class CountingStream : Stream
{
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _length += count;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
