// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "../../main/solidity/interfaces/IERC20.sol";

/// @notice Test smart-contract wallet (EIP-1271) whose answer to `isValidSignature` is set by a mode, to show
/// how the settlement treats wallets that approve, reject, revert, burn gas or answer oddly.
contract TestWallet {
    /// Approve: the magic value when its EOA signer signed the hash, else a rejection.
    uint8 public constant APPROVE = 0;
    /// Reject: always 0xffffffff.
    uint8 public constant REJECT = 1;
    /// Revert: always reverts.
    uint8 public constant REVERT = 2;
    /// BurnGas: loops until it runs out of gas.
    uint8 public constant BURN_GAS = 3;
    /// MagicWithTrailingBytes: the magic value followed by non-zero bytes in the same word.
    uint8 public constant MAGIC_WITH_TRAILING_BYTES = 4;
    /// ReturnBomb: the magic word followed by `bombSize` bytes of zeros.
    uint8 public constant RETURN_BOMB = 5;

    address public immutable signer;
    uint8 public mode;
    uint256 public bombSize;

    error NotSigner();
    error Refused();

    constructor(address signer_) {
        signer = signer_;
    }

    function setMode(uint8 mode_, uint256 bombSize_) external {
        mode = mode_;
        bombSize = bombSize_;
    }

    function approveToken(address token, address spender, uint256 amount) external {
        if (msg.sender != signer) revert NotSigner();
        IERC20(token).approve(spender, amount);
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        uint8 m = mode;
        if (m == REJECT) return 0xffffffff;
        if (m == REVERT) revert Refused();
        if (m == BURN_GAS) {
            uint256 x;
            while (true) {
                x = uint256(keccak256(abi.encode(x)));
            }
        }
        if (m == MAGIC_WITH_TRAILING_BYTES) {
            assembly {
                mstore(0, or(shl(224, 0x1626ba7e), 1))
                return(0, 32)
            }
        }
        if (m == RETURN_BOMB) {
            uint256 size = bombSize;
            assembly {
                mstore(0, shl(224, 0x1626ba7e))
                return(0, add(32, size))
            }
        }
        if (signature.length != 65) return 0xffffffff;
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        return ecrecover(hash, v, r, s) == signer ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }
}
