using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

public sealed class InstrumentInput
{
    public string? Label { get; set; }
    public InstrumentKind? Kind { get; set; }
    public int? Decimals { get; set; }
    public string? Unit { get; set; }
    public TickerDisplay? Display { get; set; }
    public int? Order { get; set; }
    public bool? InTicker { get; set; }
    public CalendarKind? Calendar { get; set; }
    public int? StaleAfterMinutes { get; set; }
    public decimal? JumpHoldPercent { get; set; }
    public int? JumpWindowMinutes { get; set; }
}

/// <summary>An instrument as the admin API shows it, with the address of its page.</summary>
public sealed record InstrumentBody(string Symbol, string Label, InstrumentKind Kind, int Decimals, string? Unit, TickerDisplay Display, int Order,
    bool InTicker, CalendarKind Calendar, int StaleAfterMinutes, decimal JumpHoldPercent, int JumpWindowMinutes, string Url);

/// <summary>
/// Creates and changes instruments and the market holiday calendar they trade on, for the admin API and the newsroom
/// pages alike; every change drops the ticker and evicts the reader pages that show it.
/// </summary>
public sealed class InstrumentEditor(WartaDb db, TickerService ticker, PageCache pages, CachedReads reads)
{
    /// <summary>The rules of the number fields, said for API callers and for staff; the page names a number it cannot read by the same rule.</summary>
    static readonly Dictionary<string, (string English, string Indonesian)> NumberRules = new()
    {
        ["decimals"] = ("Decimals must be between 0 and 6.", "Jumlah desimal harus angka 0 sampai 6."),
        ["order"] = ("Order must be between -10000 and 10000.", "Urutan harus bilangan bulat antara -10000 dan 10000."),
        ["staleAfterMinutes"] = ("Stale bound must be 1–10080 minutes.", "Batas basi harus 1 sampai 10080 menit."),
        ["jumpHoldPercent"] = ("Jump bound must be above 0 and at most 1000 percent.", "Batas lonjakan harus lebih dari 0 dan paling besar 1000 persen."),
        ["jumpWindowMinutes"] = ("Jump window must be 1–10080 minutes.", "Jendela lonjakan harus 1 sampai 10080 menit."),
    };

    public static void RefuseNumber(Errors errors, string field)
    {
        var (english, indonesian) = NumberRules[field];
        errors.Add(field, english, indonesian);
    }

    /// <summary>Checks <paramref name="input"/>, adding what is wrong to <paramref name="errors"/> (a new collection when not given).</summary>
    public static Errors Validate(string? symbol, InstrumentInput input, Errors? errors = null)
    {
        errors ??= new Errors();
        if (MarketsModule.NormalizeSymbol(symbol) is null)
            errors.Add("symbol", "Symbol must be 1–40 characters: letters, digits and . / _ -", "Simbol wajib diisi: 1–40 huruf, angka atau . / _ -");
        if (string.IsNullOrWhiteSpace(input.Label)) errors.Add("label", "Label is required.", "Label wajib diisi, paling banyak 80 karakter.");
        else if (input.Label.Trim().Length > 80) errors.Add("label", "Label is at most 80 characters.", "Label wajib diisi, paling banyak 80 karakter.");
        if (input.Kind is null) errors.Add("kind", "Kind is required: index, price, fx or fund-index.", "Pilih jenis instrumen.");
        if (input.Decimals is < 0 or > 6) RefuseNumber(errors, "decimals");
        if (input.Unit is { } unit && unit.Trim().Length > 40) errors.Add("unit", "Unit is at most 40 characters.", "Satuan paling banyak 40 karakter.");
        if (input.Order is < -10_000 or > 10_000) RefuseNumber(errors, "order");
        if (input.StaleAfterMinutes is < 1 or > 10_080) RefuseNumber(errors, "staleAfterMinutes");
        if (input.JumpHoldPercent is <= 0 or > 1000) RefuseNumber(errors, "jumpHoldPercent");
        if (input.JumpWindowMinutes is < 1 or > 10_080) RefuseNumber(errors, "jumpWindowMinutes");
        return errors;
    }

    /// <summary>Saves an instrument (created when new); returns it, or the errors and nothing saved.</summary>
    public async Task<(Instrument? Saved, bool Created, Errors Errors)> SaveAsync(string? symbol, InstrumentInput input, CancellationToken ct)
    {
        var errors = Validate(symbol, input);
        if (errors.Any) return (null, false, errors);
        var normalized = MarketsModule.NormalizeSymbol(symbol)!;
        var instrument = await db.Instruments.SingleOrDefaultAsync(i => i.Symbol == normalized, ct);
        var created = instrument is null;
        if (created)
        {
            // The page address comes from the symbol (USD/IDR → usd-idr): a second symbol with the same address would
            // have a page nobody can reach, so it is refused. The table is small; the slug is not stored.
            var slug = Instrument.SlugOf(normalized);
            var clash = (await db.Instruments.AsNoTracking().Select(i => i.Symbol).ToListAsync(ct)).FirstOrDefault(s => Instrument.SlugOf(s) == slug);
            if (clash is not null)
            {
                errors.Add("symbol", $"Symbol '{normalized}' would have the page /indikator/{slug}, which '{clash}' already has; choose another symbol.",
                    $"Simbol '{normalized}' akan memakai halaman /indikator/{slug} yang sudah dipakai '{clash}'; pilih simbol lain.");
                return (null, false, errors);
            }
        }
        instrument ??= db.Instruments.Add(new Instrument { Symbol = normalized, Label = "" }).Entity;
        var kind = input.Kind!.Value;
        instrument.Label = input.Label!.Trim();
        instrument.Kind = kind;
        instrument.Decimals = input.Decimals ?? (kind == InstrumentKind.Price ? 0 : 2);
        instrument.Unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim();
        instrument.Display = input.Display ?? (kind == InstrumentKind.FundIndex ? TickerDisplay.Percent : TickerDisplay.Full);
        instrument.Order = input.Order ?? 0;
        instrument.InTicker = input.InTicker ?? true;
        instrument.Calendar = input.Calendar ?? Instrument.DefaultCalendar(kind);
        instrument.StaleAfterMinutes = input.StaleAfterMinutes ?? (instrument.Calendar == CalendarKind.Daily ? 1560 : 15);
        instrument.JumpHoldPercent = input.JumpHoldPercent ?? 25m;
        instrument.JumpWindowMinutes = input.JumpWindowMinutes ?? 1;
        await db.SaveChangesAsync(ct);
        await ChangedAsync();
        return (instrument, created, errors);
    }

    /// <summary>Adds a day the exchange is closed; returns the errors and adds nothing when the day cannot be added.</summary>
    public async Task<Errors> AddHolidayAsync(DateOnly day, string? name)
    {
        var errors = new Errors();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 120)
            errors.Add("name", "A holiday's name is 1–120 characters.", "Nama hari libur wajib diisi, paling banyak 120 karakter.");
        else if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            errors.Add("day", "That day is a Saturday or Sunday; the exchange is closed anyway.", "Tanggal itu hari Sabtu atau Minggu; bursa memang tutup.");
        else if (await db.MarketHolidays.AnyAsync(h => h.Day == day))
            errors.Add("day", "That day is already a holiday.", $"{Indonesian.DayDate(day)} sudah ada di daftar.");
        if (errors.Any) return errors;
        db.MarketHolidays.Add(new MarketHoliday { Day = day, Name = name! });
        await db.SaveChangesAsync();
        await ChangedAsync(MarketData.HolidaysTag);
        return errors;
    }

    public async Task RemoveHolidayAsync(DateOnly day)
    {
        await db.MarketHolidays.Where(h => h.Day == day).ExecuteDeleteAsync();
        await ChangedAsync(MarketData.HolidaysTag);
    }

    async Task ChangedAsync(params string[] data)
    {
        // The holidays are dropped before the ticker is read again: previous closes, staleness and "closed" labels follow the calendar.
        await pages.EvictAsync([CacheTags.Lists, .. data]);
        reads.Forget(QuoteIngest.InstrumentsTag);
        ticker.Invalidate();
    }

    public static InstrumentBody Describe(Instrument i) => new(i.Symbol, i.Label, i.Kind, i.Decimals, i.Unit, i.Display, i.Order, i.InTicker,
        i.Calendar, i.StaleAfterMinutes, i.JumpHoldPercent, i.JumpWindowMinutes, MarketRoutes.InstrumentUrlOf(i.Slug));
}
