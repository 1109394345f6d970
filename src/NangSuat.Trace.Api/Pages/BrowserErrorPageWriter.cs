using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Pages;

/// <summary>
/// A person's browser outside the API gets the portal's own error page, with the same status,
/// title, detail and field reasons a program gets as ProblemDetails.
/// </summary>
public sealed class BrowserErrorPageWriter : IProblemDetailsWriter
{
    /// <summary>An extension a problem may carry: what the person can do about it.</summary>
    public const string AdviceKey = "advice";

    /// <summary>An extension a problem may carry: a page worth going to instead.</summary>
    public const string LinkKey = "link";

    public bool CanWrite(ProblemDetailsContext context) => !context.HttpContext.Request.IsApi() && context.HttpContext.Request.WantsHtml();

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ErrorAnswers.Customize(context);
        var problem = context.ProblemDetails;
        var page = new RazorComponentResult<ErrorPage>(new
        {
            Heading = problem.Title ?? ProblemTypes.Title(problem.Status ?? 500),
            problem.Detail,
            Reasons = Reasons(problem),
            Advice = problem.Extensions.TryGetValue(AdviceKey, out var advice) ? advice?.ToString() : null,
            Link = problem.Extensions.TryGetValue(LinkKey, out var link) ? link as PageLink : null,
        })
        {
            StatusCode = problem.Status ?? context.HttpContext.Response.StatusCode,
        };
        await page.ExecuteAsync(context.HttpContext);
    }

    private static List<string> Reasons(ProblemDetails problem)
    {
        var errors = problem switch
        {
            HttpValidationProblemDetails validation => validation.Errors,
            _ when problem.Extensions.TryGetValue("errors", out var value) && value is IDictionary<string, string[]> dictionary => dictionary,
            _ => null,
        };
        return errors is null ? [] : [.. errors.SelectMany(e => e.Value.Select(message => $"{FieldName(e.Key)}: {message}"))];
    }

    /// <summary>A program reads a GS1 code's errors by AI; a person reads what the AI is.</summary>
    private static string FieldName(string key) => key switch
    {
        "01" => "GTIN (01)",
        "10" => Language.Pick("Số lô (10)", "Lot (10)"),
        "21" => Language.Pick("Số sê-ri (21)", "Serial (21)"),
        "22" => Language.Pick("Biến thể (22)", "Variant (22)"),
        "path" => Language.Pick("Đường dẫn", "Path"),
        "query" => Language.Pick("Tham số", "Query"),
        _ => key,
    };
}
