namespace NangSuat.Trace.Api.Pages;

/// <summary>A link a page offers, with the words a person reads.</summary>
public sealed record PageLink(string Href, string Text);
