using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Benchmarks.Scan;
using Npgsql;

namespace NangSuat.Trace.Benchmarks.Portal;

/// <summary>
/// A producer's portal with 10,000 lots, timed as the producer meets it: the built service started
/// as its own process, the lots written through the portal's own import (its preview and commit are
/// timed too), then each page asked for again and again by a signed-in browser-like client. Beside
/// every page, in the same run and over the same loopback, the same Kestrel serving a static file:
/// what is left above that anchor is the server's work for the page. Prints figures; asserts nothing.
/// </summary>
public static partial class PortalBenchmark
{
    private const string Password = "thu-cong-truy-xuat";
    private const string Login = "htx@bench.truyxuat.vn";

    public static async Task RunAsync(string[] args)
    {
        var lots = args.SkipWhile(a => a != "--lots").Skip(1).Select(int.Parse).FirstOrDefault(10_000);
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(200);
        var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault()
            ?? Environment.GetEnvironmentVariable("TRACE_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Timeout=5";
        var providers = args.SkipWhile(a => a != "--providers").Skip(1).FirstOrDefault()?.Split(',') ?? ["sqlite", "postgres"];
        var api = ScanOptions.CurrentApi();
        if (!File.Exists(api))
        {
            Console.WriteLine($"No service at {api}. Build it first: dotnet build -c Release src/NangSuat.Trace.Api");
            return;
        }

        Console.WriteLine($"NangSuat.Trace portal — {Environment.ProcessorCount} logical cores, .NET {Environment.Version}; prints figures, asserts nothing");
        Console.WriteLine($"service: {api}; {lots:N0} lots in one organization; {rounds} requests a page, one at a time, after 20 to warm up");
        foreach (var provider in providers)
        {
            Console.WriteLine();
            if (provider == "sqlite")
            {
                var file = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
                try
                {
                    await RunProviderAsync("SQLite (file)", "sqlite", $"Data Source={file}", api, lots, rounds);
                }
                finally
                {
                    ScanBenchmark.DeleteSqlite(file);
                }
            }
            else
            {
                await ScanBenchmark.WithPostgresAsync(postgres, keep: false, database =>
                    RunProviderAsync("PostgreSQL", "postgres", new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString, api, lots, rounds));
            }
        }
    }

    private static async Task RunProviderAsync(string name, string provider, string connectionString, string api, int lotCount, int rounds)
    {
        await SeedOrganizationAsync(provider, connectionString);
        NpgsqlConnection.ClearAllPools();
        var webRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(api)!, "..", "..", "..", "wwwroot"));
        await using var service = await TraceService.StartAsync(api, provider, connectionString, webRoot);
        var client = new PortalClient(service.BaseUri);
        await client.SignInAsync(Login, Password);

        Console.WriteLine($"{name}");
        Console.WriteLine($"  {"import through the portal",-44} {"rows",8} {"preview",10} {"commit",10}");
        await ImportAsync(client, "/portal/san-pham/nhap", ProductsCsv(), "products");
        await ImportAsync(client, "/portal/lo/nhap", LotsCsv(lotCount), "lots");
        if (provider == "postgres")
        {
            // As autovacuum soon would after a bulk load: the planner sees 10,000 lots, not an empty table.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await new NpgsqlCommand("ANALYZE", connection).ExecuteNonQueryAsync();
        }

        var firstLot = Regex.Match((await client.GetStringAsync("/portal/lo")).Html, "href=\"(/portal/lo/[0-9a-f-]{36})\"").Groups[1].Value;
        (string Name, string Path)[] pages =
        [
            ("home: what needs me now", "/portal"),
            ("lots, page 1 (newest)", "/portal/lo"),
            ("lots, page 100 of 200", "/portal/lo?trang=100"),
            ("lots, sorted by product", "/portal/lo?sap=san-pham"),
            ("lots, search \"che moc chau\"", "/portal/lo?q=che+moc+chau"),
            ("lots, search a lot number", "/portal/lo?q=MC-07"),
            ("one lot", firstLot),
            ("products", "/portal/san-pham"),
            ("certificates", "/portal/chung-nhan"),
            ("label chooser with the real symbol", firstLot + "/nhan"),
        ];
        Console.WriteLine();
        Console.WriteLine($"  {"page",-44} {"median",9} {"p95",9} {"anchor",9} {"page − anchor",14}");
        foreach (var (pageName, path) in pages)
        {
            // Interleaved with the anchor, so a neighbour's burst on a shared machine falls on both.
            var (page, anchor) = await client.TimeAsync(path, "/static/portal.js", rounds);
            // The last column is the median of each round's page time less the anchor's in that round.
            var above = page.Zip(anchor, (p, a) => p - a).ToList();
            Console.WriteLine($"  {pageName,-44} {Median(page),6:N1} ms {P95(page),6:N1} ms {Median(anchor),6:N1} ms {Median(above),11:N1} ms");
        }

        var export = Stopwatch.StartNew();
        var csv = await client.GetStringAsync("/portal/lo/tep.csv");
        export.Stop();
        Console.WriteLine($"  {"export every lot as CSV (once)",-44} {export.Elapsed.TotalMilliseconds,6:N0} ms  ({csv.Html.Length / 1024:N0} KiB)");
    }

    private static async Task ImportAsync(PortalClient client, string path, string csv, string what)
    {
        var rows = csv.Count(c => c == '\n') - 1;
        var form = await client.GetStringAsync(path);
        var preview = Stopwatch.StartNew();
        var previewed = await client.UploadAsync(path, form.Html, "file", $"{what}.csv", Encoding.UTF8.GetBytes(csv));
        preview.Stop();
        var commitPath = Regex.Match(previewed.Html, "action=\"(" + Regex.Escape(path) + "/[0-9a-f-]{36}/ghi)\"").Groups[1].Value;
        if (commitPath.Length == 0)
        {
            throw new InvalidOperationException($"The {what} preview offered no commit ({previewed.Status}): {Regex.Match(previewed.Html, "<main[\\s\\S]{0,1500}").Value}");
        }

        var commit = Stopwatch.StartNew();
        var committed = await client.PostFormAsync(commitPath, previewed.Html, []);
        commit.Stop();
        if (committed.Status != 302)
        {
            throw new InvalidOperationException($"The {what} commit answered {committed.Status}.");
        }

        Console.WriteLine($"  {what,-44} {rows,8:N0} {preview.Elapsed.TotalSeconds,8:N2} s {commit.Elapsed.TotalSeconds,8:N2} s");
    }

    private static readonly string[] Goods = ["Chè Mộc Châu", "Chè Shan tuyết", "Mận hậu sấy dẻo", "Cà phê Arabica", "Gạo nếp Tú Lệ", "Mật ong bạc hà", "Xoài tròn Yên Châu", "Măng tre Bát Độ", "Nhãn chín muộn", "Rượu ngô men lá"];

    private static string Gtin(int index)
    {
        var body = $"0893609900{index + 100:D3}";
        var sum = 0;
        for (var i = 0; i < 13; i++)
        {
            sum += (body[12 - i] - '0') * (i % 2 == 0 ? 3 : 1);
        }

        return body + (char)('0' + (10 - sum % 10) % 10);
    }

    private static string ProductsCsv()
    {
        var csv = new StringBuilder("GTIN,Tên sản phẩm\n");
        for (var p = 0; p < Goods.Length * 2; p++)
        {
            csv.Append(Gtin(p)).Append(',').Append(Goods[p % Goods.Length]).Append(p >= Goods.Length ? " loại 2" : "").Append('\n');
        }

        return csv.ToString();
    }

    private static string LotsCsv(int count)
    {
        var csv = new StringBuilder("GTIN,Số lô,Ngày sản xuất,Số lượng,Đơn vị\n");
        var start = new DateOnly(2024, 1, 1);
        for (var n = 0; n < count; n++)
        {
            csv.Append(Gtin(n % (Goods.Length * 2))).Append(",MC-").Append(n.ToString("D5")).Append(',')
                .Append(start.AddDays(n % 1000).ToString("dd/MM/yyyy")).Append(',').Append(100 + n % 900).Append(",kg\n");
        }

        return csv.ToString();
    }

    private static async Task SeedOrganizationAsync(string provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<TraceDb>().ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        builder = provider == "postgres" ? builder.UseNpgsql(connectionString) : builder.UseSqlite(connectionString);
        await using var db = new TraceDb(builder.Options);
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        var now = DateTimeOffset.UtcNow;
        var organization = new Organization
        {
            Id = Guid.CreateVersion7(now), Name = "Hợp tác xã Chè Mộc Châu", TaxCode = "5500123456", Kind = OrganizationKind.Cooperative,
            Gs1CompanyPrefix = "8936099", Commune = "Phường Mộc Châu", Province = "Sơn La", CreatedAt = now, UpdatedAt = now,
        };
        var account = new Account
        {
            Id = Guid.CreateVersion7(now), OrganizationId = organization.Id, Email = Login, DisplayName = "Chị Lan", Role = AccountRole.Producer,
            IsOwner = true, PasswordHash = "", SecurityStamp = Guid.NewGuid(), CreatedAt = now,
        };
        account.PasswordHash = new PasswordHasher<Account>().HashPassword(account, Password);
        db.AddRange(organization, account);
        await db.SaveChangesAsync();
    }

    private static double Median(List<double> times) => Percentile(times, 0.5);

    private static double P95(List<double> times) => Percentile(times, 0.95);

    private static double Percentile(List<double> times, double at)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(at * sorted.Count))];
    }
}
