using Microsoft.AspNetCore.Http.HttpResults;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal.Pages;

namespace NangSuat.Trace.Api.Portal;

/// <summary>Pages that only say something, shared by every portal feature.</summary>
public static class PortalAnswers
{
    /// <summary>404 for a record that does not exist or is another organization's: the two are not told apart.</summary>
    public static RazorComponentResult<NoticePage> NotFound(string vietnamese, string english, string next) =>
        new(new { Title = Language.Pick("Không tìm thấy", "Not found"), Message = Language.Pick(vietnamese, english), Next = next })
        {
            StatusCode = StatusCodes.Status404NotFound,
        };

    /// <summary>A page that says one thing, with the status a program would read from it and where to go next.</summary>
    public static RazorComponentResult<NoticePage> Notice(int status, string title, string message, string? next = null, string? nextLabel = null) =>
        new(new { Title = title, Message = message, Next = next, NextLabel = nextLabel }) { StatusCode = status };
}
