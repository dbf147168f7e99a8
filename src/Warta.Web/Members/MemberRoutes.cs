namespace Warta.Web.Members;

/// <summary>The members' addresses: the public plans page, a reader's checkout of one plan, and the admin pages.</summary>
public static class MemberRoutes
{
    public const string Subscribe = Commerce.CommerceRoutes.Subscribe;
    public const string Checkout = Subscribe + "/{slug}";
    public static string CheckoutUrlOf(string slug) => Subscribe + "/" + Uri.EscapeDataString(slug);

    public const string AdminPlans = "/redaksi/admin/paket";
    public const string AdminVouchers = "/redaksi/admin/voucher";
    public const string AdminMembers = "/redaksi/admin/anggota";
    public const string AdminMember = AdminMembers + "/{id:guid}";
    public static string AdminMemberUrlOf(Guid id) => AdminMembers + "/" + id;
    public const string AdminRevenue = "/redaksi/admin/pendapatan";

    /// <summary>
    /// A paid order's invoice, on Commerce's reader pages (INV/2026/000042 keeps its slashes). The same address as the
    /// payments branch's <c>CommerceRoutes.Invoice</c>, which should replace this once both are merged.
    /// </summary>
    public static string InvoiceUrlOf(string number) => "/akun/tagihan/" + string.Join('/', number.Split('/').Select(Uri.EscapeDataString));
}

/// <summary>Where a subscription period came from (<see cref="Commerce.Subscription.Source"/>).</summary>
public static class SubscriptionSources
{
    public const string Order = "order";
    public const string Trial = "trial";
    public const string Voucher = "voucher";
    public const string Admin = "admin";
    public const string Cli = "cli";
}

/// <summary>The members' audit actions.</summary>
public static class MemberAudit
{
    public const string PlanSave = "plan.save";
    public const string VoucherSave = "voucher.save";
    public const string SubscriptionExtend = "subscription.extend";
    public const string SubscriptionEnd = "subscription.end";
}
