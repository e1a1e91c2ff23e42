package io.fairauction.chain;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The accounts Anvil funds at start: derived from its well-known public test mnemonic (BIP-44, m/44'/60'/0'/0/i).
 * They exist for dev chains only; their keys are public, never use them anywhere else.
 */
public final class DevAccounts {
    /** Anvil's default mnemonic. */
    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    /** Accounts the toolkit starts Anvil with (10 000 ether each): deployer, submitter, solvers, traders. */
    public static final int COUNT = 40;
    public static final int DEPLOYER = 0;
    public static final int SUBMITTER = 1;

    private static final Bip32ECKeyPair MASTER =
            Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));

    private DevAccounts() {
    }

    public static Credentials account(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("dev account index must be in 0.." + (COUNT - 1) + ", got " + index);
        }
        int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT,
                Bip32ECKeyPair.HARDENED_BIT, 0, index};
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(MASTER, path));
    }
}
