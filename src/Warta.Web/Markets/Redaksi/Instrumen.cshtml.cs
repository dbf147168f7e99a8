using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;
using Warta.Web.Shared;

namespace Warta.Web.Markets.Redaksi;

/// <summary>The form as typed: numbers stay text so "25,5" and "25.5" both read, and a typo is named rather than dropped.</summary>
public sealed class InstrumentForm
{
    public string? Symbol { get; set; }
    public string? Label { get; set; }
    public InstrumentKind Kind { get; set; }
    public string? Decimals { get; set; }
    public string? Unit { get; set; }
    public TickerDisplay Display { get; set; }
    public string? Order { get; set; }
    public bool InTicker { get; set; }
    public CalendarKind Calendar { get; set; }
    public string? StaleAfterMinutes { get; set; }
    public string? JumpHoldPercent { get; set; }
    public string? JumpWindowMinutes { get; set; }
}

[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class InstrumenModel(WartaDb db, InstrumentEditor editor) : StaffPage
{
    [BindProperty] public InstrumentForm Form { get; set; } = new();
    public bool IsNew { get; private set; } = true;
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? simbol, bool disimpan = false)
    {
        Saved = disimpan;
        if (string.IsNullOrEmpty(simbol))
        {
            Form = new InstrumentForm { InTicker = true, Decimals = "2", Order = "0", StaleAfterMinutes = "15", JumpHoldPercent = "25", JumpWindowMinutes = "1" };
            return Page();
        }
        var normalized = MarketsModule.NormalizeSymbol(simbol);
        var i = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(x => x.Symbol == normalized);
        if (i is null) return NotFound();
        IsNew = false;
        Form = new InstrumentForm
        {
            Symbol = i.Symbol, Label = i.Label, Kind = i.Kind, Decimals = Text(i.Decimals), Unit = i.Unit, Display = i.Display,
            Order = Text(i.Order), InTicker = i.InTicker, Calendar = i.Calendar, StaleAfterMinutes = Text(i.StaleAfterMinutes),
            JumpHoldPercent = i.JumpHoldPercent.ToString("0.####", CultureInfo.InvariantCulture), JumpWindowMinutes = Text(i.JumpWindowMinutes),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool baru)
    {
        IsNew = baru;
        // Only the rules' messages count: the binder's English ones are not shown.
        ModelState.Clear();
        var errors = new Errors();
        var input = new InstrumentInput
        {
            Label = Form.Label, Kind = Form.Kind, Unit = Form.Unit, Display = Form.Display, InTicker = Form.InTicker, Calendar = Form.Calendar,
            Decimals = Whole(errors, Form.Decimals, "decimals"), Order = Whole(errors, Form.Order, "order"),
            StaleAfterMinutes = Whole(errors, Form.StaleAfterMinutes, "staleAfterMinutes"), JumpWindowMinutes = Whole(errors, Form.JumpWindowMinutes, "jumpWindowMinutes"),
            JumpHoldPercent = Number(errors, Form.JumpHoldPercent, "jumpHoldPercent"),
        };
        var symbol = MarketsModule.NormalizeSymbol(Form.Symbol);
        if (baru && symbol is not null && await db.Instruments.AnyAsync(i => i.Symbol == symbol))
            errors.Add("symbol", $"Symbol {symbol} already exists; change that instrument from the list.", $"Simbol {symbol} sudah ada; ubah instrumen itu dari daftar.");
        if (!errors.Any)
        {
            var (saved, _, refused) = await editor.SaveAsync(Form.Symbol, input, HttpContext.RequestAborted);
            if (saved is not null) return Redirect($"/redaksi/pasar/instrumen?simbol={Uri.EscapeDataString(saved.Symbol)}&disimpan=true");
            errors = refused;
        }
        else
        {
            // Show every problem at once, not only the ones found before the first.
            InstrumentEditor.Validate(Form.Symbol, input, errors);
        }
        errors.ShowOn(ModelState);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    static int? Whole(Errors errors, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        InstrumentEditor.RefuseNumber(errors, field);
        return null;
    }

    static decimal? Number(Errors errors, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return n;
        InstrumentEditor.RefuseNumber(errors, field);
        return null;
    }
}
