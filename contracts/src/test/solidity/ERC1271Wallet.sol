// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "../../main/solidity/interfaces/IERC20.sol";
import {IERC1271} from "../../main/solidity/interfaces/IERC1271.sol";

/// @notice Test smart-contract wallet: approves a digest when its single EOA signer signed it (EIP-1271).
contract ERC1271Wallet is IERC1271 {
    address public immutable signer;

    error NotSigner();

    constructor(address signer_) {
        signer = signer_;
    }

    function approveToken(address token, address spender, uint256 amount) external {
        if (msg.sender != signer) revert NotSigner();
        IERC20(token).approve(spender, amount);
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (signature.length != 65) return 0xffffffff;
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        return ecrecover(hash, v, r, s) == signer ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }
}
