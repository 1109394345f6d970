namespace NangSuat.Trace.Api.Pages;

/// <summary>
/// The portal's whole style sheet, inline in every page: one round trip on a slow phone
/// connection, and nothing asked of any other host.
/// </summary>
public static class PageStyle
{
    public const string Css = """
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f23;background:#f4f6f4}
        main{max-width:40rem;margin:0 auto;padding:0 .75rem 2rem}header{background:#0b5d3b;color:#fff;padding:.6rem .75rem}
        header a{color:#fff}header .portal{font-size:.85rem;opacity:.9}nav.lang{float:right;font-size:.85rem}
        h1{font-size:1.4rem;line-height:1.25;margin:1rem 0 .25rem;overflow-wrap:anywhere}h2{font-size:1.05rem;margin:1.25rem 0 .4rem;color:#0b5d3b}
        section{background:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0;box-shadow:0 1px 2px #0002}
        dl{margin:0;display:grid;grid-template-columns:minmax(7rem,40%) 1fr;gap:.25rem .75rem}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
        img.product{max-width:100%;height:auto;border-radius:.5rem;display:block;margin:.5rem 0}
        .recall{background:#b00020;color:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0;font-weight:600}
        .recall p{margin:.25rem 0;font-weight:400}.stars{color:#c98a00;font-size:1.2rem;letter-spacing:.1rem}
        .warning{background:#fff4e5;border-left:.35rem solid #b35c00;border-radius:.5rem;padding:.75rem;margin:.75rem 0}
        .cert{border-top:1px solid #e3e3e3;padding:.5rem 0}.cert:first-of-type{border-top:0}
        .badge{display:inline-block;background:#1e7d32;color:#fff;border-radius:1rem;padding:0 .6rem;font-size:.85rem;font-weight:600}
        .status{display:inline-block;border:1px solid #999;color:#444;border-radius:1rem;padding:0 .6rem;font-size:.85rem}
        .status.bad{border-color:#b00020;color:#b00020}.muted{color:#666;font-size:.85rem;overflow-wrap:anywhere}
        .error{border-left:.35rem solid #b00020}ul{margin:.25rem 0;padding-left:1.25rem}a{color:#0b5d3b}
        label input{width:100%;font-size:1rem;padding:.4rem}button{font-size:1rem;padding:.5rem 1rem}
        """;

    /// <summary>What only the portal's lists and forms need; a consumer's page goes without it.</summary>
    public const string PortalCss = """
        main.wide{max-width:72rem}nav.menu{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.4rem 0 0;font-size:.95rem}
        nav.menu a,nav.menu button{color:#fff}nav.menu form{margin:0}button.link{background:none;border:0;padding:0;text-decoration:underline;cursor:pointer;font:inherit}
        .field{margin:.75rem 0}.field label{display:block;font-weight:600}.field input,.field select,.field textarea{width:100%;max-width:32rem;font-size:1rem;padding:.45rem;border:1px solid #888;border-radius:.3rem}
        .field input[aria-invalid=true],.field select[aria-invalid=true]{border:2px solid #b00020}.field-error{color:#b00020;margin:.2rem 0 0;font-size:.95rem}
        .hint{color:#555;font-size:.9rem;margin:.1rem 0 .25rem}.notice{background:#e8f5e9;border-left:.35rem solid #1e7d32;border-radius:.5rem;padding:.75rem;margin:.75rem 0}
        button.primary{background:#0b5d3b;color:#fff;border:0;border-radius:.3rem}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f0a500;outline-offset:2px}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem}.cards section{margin:0}.count{font-size:1.8rem;font-weight:700}
        .table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e3e3;vertical-align:top}
        .chart{margin:1rem 0;max-width:26rem}.chart figcaption{font-weight:600;margin-bottom:.3rem}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.5rem 1.5rem}
        .secret{font-family:monospace;overflow-wrap:anywhere;background:#f4f6f4;padding:.5rem;border-radius:.3rem}
        fieldset{border:1px solid #bbb;border-radius:.3rem;margin:.75rem 0;max-width:32rem}legend{font-weight:600}
        label.choice{display:flex;align-items:center;gap:.5rem;min-height:2.75rem}label.choice input{width:1.25rem;height:1.25rem}
        """;
}
