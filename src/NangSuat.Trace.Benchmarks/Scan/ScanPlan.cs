namespace NangSuat.Trace.Benchmarks.Scan;

/// <summary>A set of request paths wrk or the CPU probe asks; a walking load remembers how far it has gone, so no lot is asked twice.</summary>
public sealed class Load(string name, string file, IReadOnlyList<string> paths)
{
    public string Name { get; } = name;

    public string File { get; } = file;

    public IReadOnlyList<string> Paths { get; } = paths;

    public bool Walks => Paths.Count > 1;

    /// <summary>The next position of the walk; past <see cref="Paths"/>' count, lots are asked again (and may be cached).</summary>
    public long Cursor { get; set; }

    public IEnumerable<string> Take(int count)
    {
        for (var n = 0; n < count; n++)
        {
            yield return Paths[(int)(Cursor++ % Paths.Count)];
        }
    }
}

/// <summary>
/// Which lots each figure asks: one hot lot (the middle one, with an area), two reserved sets of
/// never-asked lots for the CPU probe, and the shuffled rest for the random-lot loads.
/// </summary>
public sealed class ScanPlan
{
    private ScanPlan(string webRoot, LotKey hot, Load anchor, Load hot307, Load hotPage, Load random307, Load randomPage, Load fresh307, Load freshPage)
    {
        WebRoot = webRoot;
        Hot = hot;
        Anchor = anchor;
        Hot307 = hot307;
        HotPage = hotPage;
        Random307 = random307;
        RandomPage = randomPage;
        Fresh307 = fresh307;
        FreshPage = freshPage;
    }

    public const string AnchorPath = "/static/lot.html";

    public string WebRoot { get; }

    public LotKey Hot { get; }

    public Load Anchor { get; }

    public Load Hot307 { get; }

    public Load HotPage { get; }

    public Load Random307 { get; }

    public Load RandomPage { get; }

    /// <summary>Lots no load asks: the CPU probe's first scans.</summary>
    public Load Fresh307 { get; }

    public Load FreshPage { get; }

    public static ScanPlan Create(List<LotKey> lots, int cpuRequests, string work)
    {
        // The seed leaves every fifth lot without an area; the middle lot with one shows a page with everything.
        var hotIndex = lots.Count / 2 / 5 * 5;
        var hot = lots[hotIndex];
        var rest = lots.Where((_, i) => i != hotIndex).ToArray();
        new Random(20261123).Shuffle(rest);
        var fresh = rest[^(2 * cpuRequests)..];
        var pool = rest[..^(2 * cpuRequests)];
        // The service maps its web root to /static, so /static/lot.html is <web root>/lot.html; the folder must exist when it starts.
        var webRoot = Directory.CreateDirectory(Path.Combine(work, "wwwroot")).FullName;
        Load Write(string name, string file, IEnumerable<string> paths)
        {
            var list = paths.ToList();
            File.WriteAllLines(Path.Combine(work, file), list);
            return new Load(name, Path.Combine(work, file), list);
        }

        return new ScanPlan(
            webRoot, hot,
            Write("static file, the lot page's bytes (anchor)", "anchor.txt", [AnchorPath]),
            Write("307, one hot lot", "hot-307.txt", [hot.ResolverPath]),
            Write("lot page, one hot lot", "hot-page.txt", [hot.PagePath]),
            Write($"307, random lots of {lots.Count:N0}", "random-307.txt", pool.Select(l => l.ResolverPath)),
            Write($"lot page, random lots of {lots.Count:N0}", "random-page.txt", pool.Select(l => l.PagePath)),
            Write($"307, {cpuRequests:N0} never-asked lots", "fresh-307.txt", fresh[..cpuRequests].Select(l => l.ResolverPath)),
            Write($"lot page, {cpuRequests:N0} never-asked lots", "fresh-page.txt", fresh[cpuRequests..].Select(l => l.PagePath)));
    }
}
