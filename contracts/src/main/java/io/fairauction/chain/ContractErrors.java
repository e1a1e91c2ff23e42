package io.fairauction.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data into {@link ContractRevert}s, from the custom errors declared in the ABIs the build
 * compiled (packaged under {@code io/fairauction/chain/abi/}), so the list of errors lives only in the contracts.
 */
public final class ContractErrors {
    private static final List<String> ABIS = List.of(
            "Settlement", "Relayer", "TestToken", "WrappedEther", "ConstantProductPair", "PairFactory", "Router");
    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";

    private static final Map<String, ErrorAbi> BY_SELECTOR = load();

    private record ErrorAbi(String name, List<String> types) {
    }

    private ContractErrors() {
    }

    /** Decodes {@code data} (0x-prefixed hex revert data, possibly empty). */
    public static ContractRevert decode(String data) {
        String hex = data == null || data.isEmpty() ? "0x" : data.toLowerCase(java.util.Locale.ROOT);
        if (hex.length() < 10) {
            return new ContractRevert("Unknown", List.of(), hex, Optional.empty());
        }
        String selector = hex.substring(0, 10);
        String body = "0x" + hex.substring(10);
        ErrorAbi abi = switch (selector) {
            case ERROR_STRING -> new ErrorAbi("Error", List.of("string"));
            case PANIC -> new ErrorAbi("Panic", List.of("uint256"));
            default -> BY_SELECTOR.get(selector);
        };
        if (abi == null) {
            return new ContractRevert("Unknown", List.of(selector), hex, Optional.empty());
        }
        List<Object> args;
        try {
            args = decodeArguments(body, abi.types());
        } catch (RuntimeException e) {
            return new ContractRevert(abi.name(), List.of(), hex, Optional.empty());
        }
        Optional<ContractRevert> cause = Optional.empty();
        if (abi.name().equals("InteractionFailed") && args.size() == 2) {
            cause = Optional.of(decode((String) args.get(1)));
        }
        return new ContractRevert(abi.name(), args, hex, cause);
    }

    private static List<Object> decodeArguments(String body, List<String> types) {
        List<TypeReference<Type>> refs = new ArrayList<>();
        for (String t : types) {
            try {
                refs.add(TypeReference.makeTypeReference(t));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("unsupported error argument type " + t, e);
            }
        }
        List<Object> values = new ArrayList<>();
        for (Type value : FunctionReturnDecoder.decode(body, refs)) {
            if (value instanceof Bytes32 b) {
                values.add(Numeric.toHexString(b.getValue()));
            } else if (value instanceof DynamicBytes b) {
                values.add(Numeric.toHexString(b.getValue()));
            } else {
                values.add(value.getValue());
            }
        }
        return values;
    }

    private static Map<String, ErrorAbi> load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, ErrorAbi> errors = new HashMap<>();
        for (String contract : ABIS) {
            String resource = "abi/" + contract + ".abi";
            try (InputStream in = ContractErrors.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource + " (built from the contracts)");
                }
                for (JsonNode entry : json.readTree(in)) {
                    if (!"error".equals(entry.path("type").asText())) {
                        continue;
                    }
                    List<String> types = new ArrayList<>();
                    entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
                    String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
                    errors.put(Hash.sha3String(signature).substring(0, 10),
                            new ErrorAbi(entry.path("name").asText(), types));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(errors);
    }
}
