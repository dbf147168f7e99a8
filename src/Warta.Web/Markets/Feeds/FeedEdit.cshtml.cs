using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;
using Warta.Web.Shared;

namespace Warta.Web.Markets.Feeds;

/// <summary>What the admin types; every field is text so a bad entry gets an Indonesian message, not a binder's.</summary>
public sealed class FeedForm
{
    public string? Name { get; set; }
    public string? Url { get; set; }
    public string? Format { get; set; } = "json";
    public string? IntervalSeconds { get; set; } = "60";
    public bool Enabled { get; set; } = true;
    public bool AllowPrivateAddresses { get; set; }
    public string? RecordsPath { get; set; }
    public string? SymbolField { get; set; }
    public string? ValueField { get; set; }
    public string? TimeField { get; set; }
    public string? PreviousCloseField { get; set; }
    public string? Delimiter { get; set; } = ",";
    public bool HasHeader { get; set; } = true;
    public string? DecimalMark { get; set; } = "dot";
    public string? ThousandsMark { get; set; } = "none";
    public string? TimeFormat { get; set; } = "iso8601";
    public string? TimePattern { get; set; }
    public string? SymbolMap { get; set; }
    public string? Symbols { get; set; }

    public static FeedForm From(QuoteFeed f) => new()
    {
        Name = f.Name, Url = f.Url, Format = f.Format.ToString().ToLowerInvariant(), IntervalSeconds = f.IntervalSeconds.ToString(CultureInfo.InvariantCulture),
        Enabled = f.Enabled, AllowPrivateAddresses = f.AllowPrivateAddresses, RecordsPath = f.RecordsPath, SymbolField = f.SymbolField,
        ValueField = f.ValueField, TimeField = f.TimeField, PreviousCloseField = f.PreviousCloseField,
        Delimiter = f.Delimiter == "\t" ? "tab" : f.Delimiter, HasHeader = f.HasHeader,
        DecimalMark = f.DecimalMark.ToString().ToLowerInvariant(), ThousandsMark = f.ThousandsMark.ToString().ToLowerInvariant(),
        TimeFormat = f.TimeFormat.ToString().ToLowerInvariant(), TimePattern = f.TimePattern, SymbolMap = f.SymbolMap, Symbols = f.Symbols,
    };
}

[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class FeedEditModel(WartaDb db, QuoteFeeds feeds, TimeProvider clock) : StaffPage
{
    [BindProperty]
    public FeedForm Form { get; set; } = new();

    public QuoteFeed? Feed { get; private set; }
    public bool IsNew => Feed is null;

    public async Task<IActionResult> OnGetAsync(string id, string? pesan)
    {
        if (id == "baru") return Page();
        if (await FindAsync(id) is not { } feed) return NotFound();
        Feed = feed;
        Form = FeedForm.From(feed);
        Notice = pesan switch
        {
            "disimpan" => "Feed disimpan.",
            "diambil" => feed.ConsecutiveFailures == 0 ? $"Feed diambil: {feed.LastQuoteCount} kutipan disimpan." : "Feed diambil, tetapi gagal; lihat alasannya di bawah.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        QuoteFeed? feed = null;
        if (id != "baru" && (feed = await FindAsync(id, tracked: true)) is null) return NotFound();
        Feed = feed;
        var target = feed ?? new QuoteFeed { Name = "", Url = "", SymbolField = "", ValueField = "", Symbols = "", NextDueAt = clock.GetUtcNow() };
        if (!await ApplyAsync(target)) return Page();
        if (feed is null) db.QuoteFeeds.Add(target);
        await db.SaveChangesAsync();
        return Redirect($"/redaksi/pasar/feed/{target.Id}?pesan=disimpan");
    }

    public async Task<IActionResult> OnPostFetchAsync(string id)
    {
        if (await FindAsync(id) is not { } feed) return NotFound();
        await feeds.FetchAsync(feed.Id, HttpContext.RequestAborted);
        return Redirect($"/redaksi/pasar/feed/{feed.Id}?pesan=diambil");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        if (await FindAsync(id) is not { } feed) return NotFound();
        // Only the configuration goes: the quotes it brought in stay in the history.
        await db.QuoteFeeds.Where(f => f.Id == feed.Id).ExecuteDeleteAsync();
        return Redirect("/redaksi/pasar/feed");
    }

    async Task<QuoteFeed?> FindAsync(string id, bool tracked = false)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var feedId)) return null;
        var query = tracked ? db.QuoteFeeds : db.QuoteFeeds.AsNoTracking();
        return await query.SingleOrDefaultAsync(f => f.Id == feedId);
    }

    /// <summary>Checks the form and, when all of it is right, writes it onto <paramref name="target"/>; the feed's status is left alone.</summary>
    async Task<bool> ApplyAsync(QuoteFeed target)
    {
        ModelState.Clear();
        var errors = new Errors();
        void Error(string field, string message) => errors.Add(field, message);
        var f = Form;
        var name = f.Name?.Trim() ?? "";
        if (name.Length is 0 or > 80) Error(nameof(f.Name), "Nama wajib diisi, paling panjang 80 karakter.");
        else if (await db.QuoteFeeds.AnyAsync(q => q.Name == name && q.Id != target.Id)) Error(nameof(f.Name), "Nama ini sudah dipakai feed lain.");

        var url = f.Url?.Trim() ?? "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.Length > 2000)
            Error(nameof(f.Url), "Alamat harus URL http:// atau https:// yang lengkap.");

        FeedFormat format = default;
        if (!Enum.TryParse(f.Format, ignoreCase: true, out format) || !Enum.IsDefined(format)) Error(nameof(f.Format), "Pilih JSON atau CSV.");
        if (!int.TryParse(f.IntervalSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var interval) || interval is < 10 or > 86_400)
            Error(nameof(f.IntervalSeconds), "Interval dalam detik, antara 10 dan 86400.");

        string? Field(string? value, string key, bool required, string label)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v))
            {
                if (required) Error(key, $"{label} wajib diisi.");
                return null;
            }
            if (v.Length > 100) Error(key, $"{label} paling panjang 100 karakter.");
            else if (format == FeedFormat.Csv && !f.HasHeader && !v.All(char.IsAsciiDigit))
                Error(key, $"{label}: feed CSV tanpa baris judul memakai nomor kolom (1, 2, …).");
            return v;
        }
        var symbolField = Field(f.SymbolField, nameof(f.SymbolField), true, "Bidang simbol");
        var valueField = Field(f.ValueField, nameof(f.ValueField), true, "Bidang nilai");
        var timeField = Field(f.TimeField, nameof(f.TimeField), false, "Bidang waktu");
        var previousField = Field(f.PreviousCloseField, nameof(f.PreviousCloseField), false, "Bidang penutupan sebelumnya");
        var recordsPath = f.RecordsPath?.Trim();
        if (recordsPath is { Length: > 200 }) Error(nameof(f.RecordsPath), "Jalur rekaman paling panjang 200 karakter.");

        var delimiter = f.Delimiter?.Trim() is "tab" or "\\t" ? "\t" : f.Delimiter ?? "";
        if (format == FeedFormat.Csv && (delimiter.Length != 1 || delimiter is "\"" or "\n" or "\r"))
            Error(nameof(f.Delimiter), "Pemisah kolom satu karakter, misalnya , ; | atau tulis tab.");
        if (delimiter.Length != 1) delimiter = ",";

        if (!Enum.TryParse(f.DecimalMark, true, out DecimalMark decimalMark) || !Enum.IsDefined(decimalMark)) Error(nameof(f.DecimalMark), "Pilih titik atau koma desimal.");
        if (!Enum.TryParse(f.ThousandsMark, true, out ThousandsMark thousandsMark) || !Enum.IsDefined(thousandsMark)) Error(nameof(f.ThousandsMark), "Pilih pemisah ribuan.");
        else if ((decimalMark, thousandsMark) is (DecimalMark.Dot, ThousandsMark.Dot) or (DecimalMark.Comma, ThousandsMark.Comma))
            Error(nameof(f.ThousandsMark), "Pemisah ribuan tidak boleh sama dengan tanda desimal.");
        if (!Enum.TryParse(f.TimeFormat, true, out FeedTimeFormat timeFormat) || !Enum.IsDefined(timeFormat)) Error(nameof(f.TimeFormat), "Pilih format waktu.");
        var timePattern = f.TimePattern?.Trim();
        if (!string.IsNullOrEmpty(timePattern))
        {
            var sample = new DateTime(2023, 5, 5, 10, 23, 0);
            var roundTrips = false;
            try
            {
                roundTrips = timePattern.Length <= 60
                             && DateTime.TryParseExact(sample.ToString(timePattern, CultureInfo.InvariantCulture), timePattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back)
                             && back.Date == sample.Date;
            }
            catch (FormatException)
            {
            }
            if (!roundTrips) Error(nameof(f.TimePattern), "Pola waktu tidak dapat dipakai; contoh: dd/MM/yyyy HH:mm.");
        }

        var symbols = (f.Symbols ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => MarketsModule.NormalizeSymbol(s) ?? s).Distinct().ToList();
        if (symbols.Count == 0) Error(nameof(f.Symbols), "Sebutkan instrumen yang dilayani feed ini.");
        else
        {
            var known = await db.Instruments.Where(i => symbols.Contains(i.Symbol)).Select(i => i.Symbol).ToListAsync();
            var unknown = symbols.Except(known).ToList();
            if (unknown.Count > 0) Error(nameof(f.Symbols), $"Instrumen tidak dikenal: {string.Join(", ", unknown)}.");
        }
        var symbolMap = f.SymbolMap?.Replace("\r", "", StringComparison.Ordinal).Trim();
        try
        {
            FeedReader.SymbolMap(symbolMap);
        }
        catch (FeedFormatException e)
        {
            Error(nameof(f.SymbolMap), e.Message);
        }
        if (symbolMap is { Length: > 20_000 }) Error(nameof(f.SymbolMap), "Peta simbol terlalu panjang.");

        if (errors.Any)
        {
            errors.ShowOn(ModelState, "Form.");
            return false;
        }
        target.Name = name;
        target.Url = url;
        target.Format = format;
        target.IntervalSeconds = interval;
        target.Enabled = f.Enabled;
        target.AllowPrivateAddresses = f.AllowPrivateAddresses;
        target.RecordsPath = string.IsNullOrEmpty(recordsPath) ? null : recordsPath;
        target.SymbolField = symbolField!;
        target.ValueField = valueField!;
        target.TimeField = timeField;
        target.PreviousCloseField = previousField;
        target.Delimiter = delimiter;
        target.HasHeader = f.HasHeader;
        target.DecimalMark = decimalMark;
        target.ThousandsMark = thousandsMark;
        target.TimeFormat = timeFormat;
        target.TimePattern = string.IsNullOrEmpty(timePattern) ? null : timePattern;
        target.SymbolMap = string.IsNullOrEmpty(symbolMap) ? null : symbolMap;
        target.Symbols = string.Join(" ", symbols);
        return true;
    }
}
