using System.Buffers.Binary;
using System.Text;
using GovChain.CreditService.Protos;
using Google.Protobuf;

namespace GovChain.CreditService.Security;

/// <summary>
/// A subject registering itself is not on the ledger yet, so its request is signed with the key its body carries.
/// This reads that key from a Participants/Register body (a gRPC frame or the REST JSON) when the body names the
/// signing actor as a subject, and gives null for anything else.
/// </summary>
public static class SelfRegistrationKey
{
    public const string GrpcPath = "/govchain.v1.Participants/Register";
    public const string RestPath = "/v1/participants";

    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static byte[]? Find(string method, string path, bool isGrpc, ReadOnlyMemory<byte> body, string actor)
    {
        ArgumentNullException.ThrowIfNull(method);
        var request = (isGrpc, path, method) switch
        {
            (true, GrpcPath, _) => ParseGrpc(body.Span),
            (false, RestPath, "POST") => ParseJson(body.Span),
            _ => null,
        };
        return request is { Role: Role.Subject } && request.ParticipantId == actor && request.PublicKey.Length > 0
            ? request.PublicKey.ToByteArray()
            : null;
    }

    private static RegisterParticipantRequest? ParseGrpc(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 5 || frame[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(frame[1..5]) != (uint)(frame.Length - 5))
        {
            return null;
        }

        try
        {
            return RegisterParticipantRequest.Parser.ParseFrom(frame[5..]);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static RegisterParticipantRequest? ParseJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return Json.Parse<RegisterParticipantRequest>(Encoding.UTF8.GetString(json));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return null;
        }
    }
}
