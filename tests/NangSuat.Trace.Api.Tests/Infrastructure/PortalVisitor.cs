using System.Net;
using System.Text.RegularExpressions;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>
/// A person at the portal with a browser's habits and nothing more: keeps cookies, reads the
/// forms it is shown, posts what it typed with the form's hidden fields, follows no redirect on its own.
/// </summary>
public sealed partial class PortalVisitor(TraceApp app, string language = "vi")
{
    private readonly HttpClient _client = CreateClient(app, language);

    public async Task<Page> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return await Page.ReadAsync(response);
    }

    /// <summary>Opens the page holding the form, then posts the form's hidden fields with the values typed.</summary>
    public async Task<Page> SubmitAsync(string pagePath, string action, params (string Name, string Value)[] typed)
    {
        var page = await GetAsync(pagePath);
        Assert.True(page.Status == 200, $"GET {pagePath} answered {page.Status}: {page.Html}");
        return await PostAsync(action, [.. page.HiddenFields(action), .. typed]);
    }

    public async Task<Page> PostAsync(string action, IEnumerable<(string Name, string Value)> fields)
    {
        using var response = await _client.PostAsync(action, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        return await Page.ReadAsync(response);
    }

    /// <summary>Posts a form with a file, as a browser does for an upload (multipart/form-data).</summary>
    public async Task<Page> UploadAsync(string action, IEnumerable<(string Name, string Value)> fields, string fileField, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(content), fileField, fileName);
        using var response = await _client.PostAsync(action, form);
        return await Page.ReadAsync(response);
    }

    /// <summary>Downloads a file as a browser saves it: the bytes, the type and the name it would be saved under.</summary>
    public async Task<(int Status, string? ContentType, string? FileName, byte[] Bytes, HttpResponseMessage Response)> DownloadAsync(string path)
    {
        var response = await _client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), bytes, response);
    }

    /// <summary>Posts a form with several files, as a browser does for a form with more than one file input.</summary>
    public async Task<Page> UploadAsync(string action, IEnumerable<(string Name, string Value)> fields, params (string Field, string FileName, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, content) in files)
        {
            form.Add(new ByteArrayContent(content), field, fileName);
        }

        using var response = await _client.PostAsync(action, form);
        return await Page.ReadAsync(response);
    }

    public Task<Page> SignInAsync(string email, string password) =>
        SubmitAsync("/portal/dang-nhap", "/portal/dang-nhap", ("email", email), ("password", password));

    private static HttpClient CreateClient(TraceApp app, string language)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost"),
        });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    public sealed partial record Page(int Status, string? Location, string Html)
    {
        /// <summary>The cookies the answer set, as the Set-Cookie headers say them (name, value and attributes).</summary>
        public IReadOnlyList<string> SetCookies { get; init; } = [];

        public static async Task<Page> ReadAsync(HttpResponseMessage response) =>
            new((int)response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync())
            {
                SetCookies = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : [],
            };

        /// <summary>The hidden inputs of the form posting to the action (the antiforgery token among them).</summary>
        public IEnumerable<(string Name, string Value)> HiddenFields(string action)
        {
            var form = Regex.Match(Html, $"<form[^>]*action=\"{Regex.Escape(action)}\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
            Assert.True(form.Success, $"no form posting to {action} in: {Html}");
            return Hidden().Matches(form.Groups[1].Value).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));
        }

        /// <summary>The text of the error shown beside an input, by the input's name.</summary>
        public string? ErrorBeside(string name) =>
            Regex.Match(Html, $"<p class=\"field-error\" id=\"e-{Regex.Escape(name)}\">(.*?)</p>", RegexOptions.Singleline) is { Success: true } m
                ? WebUtility.HtmlDecode(m.Groups[1].Value)
                : null;

        [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
        private static partial Regex Hidden();
    }
}
