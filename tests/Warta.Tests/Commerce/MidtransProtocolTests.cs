using Warta.Fakes;
using Warta.Web.Commerce;

namespace Warta.Tests.Commerce;

/// <summary>The parts of Midtrans' protocol that are plain rules: the signature and what each transaction status means.</summary>
public class MidtransProtocolTests
{
    [Fact]
    public void The_signature_is_the_sha512_of_order_id_status_code_gross_amount_and_server_key_in_lower_case_hex()
    {
        // Midtrans' documented example, hashed independently (Python's hashlib).
        Assert.Equal("edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231",
            MidtransGateway.Signature("1111", "200", "100000.00", "askvnoibnosifnboseofinbofinfgbiufglnbfg"));
        Assert.Equal(MidtransGateway.Signature("1111", "200", "100000.00", "k"), FakeMidtrans.Signature("1111", "200", "100000.00", "k"));
    }

    [Theory]
    [InlineData("settlement", null, OrderStatus.Paid)]
    [InlineData("capture", "accept", OrderStatus.Paid)]
    [InlineData("capture", "challenge", null)]
    [InlineData("capture", "deny", OrderStatus.Denied)]
    [InlineData("capture", null, null)]
    [InlineData("pending", null, null)]
    [InlineData("authorize", null, null)]
    [InlineData("deny", null, OrderStatus.Denied)]
    [InlineData("cancel", null, OrderStatus.Cancelled)]
    [InlineData("expire", null, OrderStatus.Expired)]
    [InlineData("refund", null, OrderStatus.Refunded)]
    [InlineData("partial_refund", null, OrderStatus.Refunded)]
    public void Each_transaction_status_names_where_the_order_goes(string status, string? fraud, OrderStatus? expected) =>
        Assert.Equal(expected, new MidtransStatus("WRT-1", "200", status, "49000.00", fraud, "qris").Target);

    [Theory]
    [InlineData("49000.00", 49_000L)]
    [InlineData("49000", 49_000L)]
    [InlineData("49000.50", null)]
    [InlineData("49.000,00", null)]
    [InlineData(null, null)]
    public void The_gross_amount_reads_as_whole_rupiah_only(string? gross, long? expected) =>
        Assert.Equal(expected, new MidtransStatus("WRT-1", "200", "settlement", gross, null, null).AmountRupiah);
}
