using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>
/// Checks every request makes before any endpoint sees it, so no handler has to remember them:
/// a body in a character set other than UTF-8 is refused with 415, a query value holding what no
/// one can type (NUL, other control characters, Unicode non-characters) with 400, and a request
/// without a usable Host is answered as if for localhost.
/// </summary>
public static class RequestGuards
{
    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsUsable(context.Request.Host))
        {
            context.Request.Host = new HostString("localhost");
        }

        if (UnsupportedCharset(context.Request) is { } charset)
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, new ProblemDetails
            {
                Detail = Language.Pick($"Chỉ nhận nội dung mã hóa UTF-8, không nhận '{FieldErrors.Shown(charset)}'.",
                    $"Only UTF-8 content is accepted, not '{FieldErrors.Shown(charset)}'."),
            });
            return;
        }

        // No route takes a control character in its path, and some answers (a redirect's Location) cannot even carry one.
        if (context.Request.Path.Value is { } path && !IsOneLine(path))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new ProblemDetails
            {
                Detail = Language.Pick("Địa chỉ chứa ký tự điều khiển (như xuống dòng) hoặc mã Unicode hỏng.",
                    "The address contains a control character (such as a line break) or broken Unicode."),
            });
            return;
        }

        if (UnreadableQueryParameter(context.Request) is { } parameter)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [parameter] = [Language.Pick("chứa ký tự điều khiển hoặc mã Unicode hỏng", "contains a control character or broken Unicode")],
            })
            {
                Title = Language.Pick("Dữ liệu gửi lên chưa hợp lệ.", "The request has invalid fields."),
            });
            return;
        }

        await next(context);
    });

    private static string? UnsupportedCharset(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return request.ContentType; // a Content-Type no one can read names no character set anyone can
        }

        // JSON is UTF-8 by RFC 8259; a charset parameter, when given, must say so.
        var charset = contentType.Charset;
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : charset.Value ?? "";
    }

    private static string? UnreadableQueryParameter(HttpRequest request)
    {
        if (!request.QueryString.HasValue)
        {
            return null;
        }

        foreach (var (key, values) in request.Query)
        {
            if (!IsOneLine(key))
            {
                return "query";
            }

            foreach (var value in values)
            {
                if (value is not null && !IsOneLine(value))
                {
                    return key;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// HTTP/1.1 allows an empty Host, and a port out of range (localhost:99999) or not a number is as
    /// unusable: pages and links are built on the request's address, which needs one. Checked without
    /// building a Uri, since every request (every scan) passes here.
    /// </summary>
    private static bool IsUsable(HostString host) =>
        host.HasValue && Uri.CheckHostName(host.Host) != UriHostNameType.Unknown
        && (host.Port is { } port ? port <= 65535 : host.Value.Length == host.Host.Length);

    /// <summary>A query value (or a path) is one line of clean text: a line break there could only be an attempt to split a header.</summary>
    private static bool IsOneLine(string value) => FieldErrors.IsCleanText(value) && value.AsSpan().IndexOfAny('\n', '\r', '\t') < 0;

    private static async Task WriteAsync(HttpContext context, int status, ProblemDetails problem)
    {
        problem.Status = status;
        problem.Type = ProblemTypes.For(status);
        problem.Title ??= ProblemTypes.Title(status);
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
