// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Signature validation for contract accounts (EIP-1271).
interface IERC1271 {
    /// @return magicValue 0x1626ba7e when `signature` is valid for `hash`
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4 magicValue);
}
