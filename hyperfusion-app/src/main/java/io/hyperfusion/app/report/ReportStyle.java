package io.hyperfusion.app.report;

/** The report's inline style sheet (system fonts only, so nothing is fetched). */
final class ReportStyle {
    private ReportStyle() { }

    static final String CSS = """
            :root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--blue:#2563eb;--warm:#ea580c;--bg:#f5f7fa}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            main{max-width:980px;margin:0 auto;padding:28px 24px 40px}
            header h1{margin:0;font-size:26px;letter-spacing:-.01em}
            .sub{color:var(--muted);margin:4px 0 18px}
            .warn{background:#fff7ed;border:1px solid #fdba74;color:#9a3412;padding:10px 14px;border-radius:8px}
            .cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin:0 0 8px;background:none;border:0;padding:0;box-shadow:none}
            .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
            .card .value{font-size:24px;font-weight:650;color:var(--blue)}
            .card .label{font-weight:600;font-size:13px}
            .card .note{color:var(--muted);font-size:12px}
            section{background:#fff;border:1px solid var(--line);border-radius:12px;padding:18px 22px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.03)}
            h2{margin:0 0 4px;font-size:18px}
            .caption{color:var(--muted);font-size:13px;margin:0 0 10px}
            figure{margin:0;overflow-x:auto}
            svg{max-width:100%;height:auto;font-family:inherit}
            svg circle{fill:var(--blue);fill-opacity:.45}
            svg .tick{font-size:11px;fill:var(--muted)}
            svg .axis{font-size:12px;fill:var(--ink)}
            svg .label{font-size:12px;fill:var(--ink)}
            svg .value{font-size:11px;fill:var(--muted)}
            table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}
            th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line)}
            thead th{color:var(--muted);font-weight:600}
            tr.t3 td{font-weight:650}
            .barcell{width:28%}
            .bar{height:10px;border-radius:3px;background:var(--blue);opacity:.75}
            tr.t1 .bar{background:#9aa5b1}
            .kv th{width:200px;color:var(--muted);font-weight:500}
            .kv td{word-break:break-all}
            pre{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:10px;font-size:12px;max-height:360px;overflow:auto}
            .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 6px}
            .swatch.warm{background:var(--warm)}.swatch.blue{background:var(--blue)}
            footer{color:var(--muted);font-size:12px;text-align:center;margin-top:20px}
            @media (max-width:800px){.cards{grid-template-columns:repeat(2,1fr)}}
            """;
}
