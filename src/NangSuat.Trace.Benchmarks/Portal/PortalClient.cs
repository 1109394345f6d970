using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace NangSuat.Trace.Benchmarks.Portal;

/// <summary>A browser's habits, no more: keeps the session cookie, posts a form with its hidden fields, follows no redirect.</summary>
public sealed partial class PortalClient(Uri baseUri)
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromMinutes(5),
    };

    public sealed record Answer(int Status, string Html);

    public async Task<Answer> GetStringAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return new((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task SignInAsync(string login, string password)
    {
        var form = await GetStringAsync("/portal/dang-nhap");
        var signedIn = await PostFormAsync("/portal/dang-nhap", form.Html, [("email", login), ("password", password)]);
        if (signedIn.Status != 302)
        {
            throw new InvalidOperationException($"Sign-in answered {signedIn.Status}.");
        }
    }

    public async Task<Answer> PostFormAsync(string action, string pageHtml, IEnumerable<(string Name, string Value)> typed)
    {
        var fields = HiddenFields(pageHtml, action).Concat(typed).Select(f => new KeyValuePair<string, string>(f.Name, f.Value));
        using var response = await _client.PostAsync(action, new FormUrlEncodedContent(fields));
        return new((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<Answer> UploadAsync(string action, string pageHtml, string fileField, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in HiddenFields(pageHtml, action))
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(content), fileField, fileName);
        using var response = await _client.PostAsync(action, form);
        return new((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Times the page and the anchor alternately, one request at a time, each read to its last byte.</summary>
    public async Task<(List<double> Page, List<double> Anchor)> TimeAsync(string path, string anchorPath, int rounds)
    {
        var (page, anchor) = (new List<double>(rounds), new List<double>(rounds));
        for (var round = -20; round < rounds; round++)
        {
            var pageTime = await OnceAsync(path);
            var anchorTime = await OnceAsync(anchorPath);
            if (round >= 0)
            {
                page.Add(pageTime);
                anchor.Add(anchorTime);
            }
        }

        return (page, anchor);
    }

    private async Task<double> OnceAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static IEnumerable<(string Name, string Value)> HiddenFields(string html, string action)
    {
        var form = Regex.Match(html, $"<form[^>]*action=\"{Regex.Escape(action)}\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        if (!form.Success)
        {
            throw new InvalidOperationException($"No form posting to {action}.");
        }

        return Hidden().Matches(form.Groups[1].Value).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();
}
