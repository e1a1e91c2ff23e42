// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ConstantProductPair} from "./ConstantProductPair.sol";
import {PairFactory} from "./PairFactory.sol";
import {SafeTransfer} from "../libraries/SafeTransfer.sol";

/// @notice Uniswap-v2-style router: adds liquidity at the pool's ratio and swaps along a path of pools.
/// Solvers may call it, or transfer into a pool and call its swap directly (cheaper).
contract Router {
    using SafeTransfer for address;

    PairFactory public immutable factory;

    error Expired();
    error InvalidPath();
    error UnknownPair(address tokenA, address tokenB);
    error InsufficientAmount();
    error InsufficientLiquidity();
    error InsufficientOutputAmount(uint256 amountOut, uint256 amountOutMin);

    modifier ensure(uint256 deadline) {
        if (block.timestamp > deadline) revert Expired();
        _;
    }

    constructor(PairFactory factory_) {
        factory = factory_;
    }

    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256 amountA, uint256 amountB, uint256 liquidity) {
        address pair = factory.getPair(tokenA, tokenB);
        if (pair == address(0)) pair = factory.createPair(tokenA, tokenB);
        (uint256 reserveA, uint256 reserveB) = _reserves(pair, tokenA);
        if (reserveA == 0 && reserveB == 0) {
            (amountA, amountB) = (amountADesired, amountBDesired);
        } else {
            uint256 amountBOptimal = quote(amountADesired, reserveA, reserveB);
            if (amountBOptimal <= amountBDesired) {
                (amountA, amountB) = (amountADesired, amountBOptimal);
            } else {
                uint256 amountAOptimal = quote(amountBDesired, reserveB, reserveA);
                (amountA, amountB) = (amountAOptimal, amountBDesired);
            }
        }
        if (amountA < amountAMin || amountB < amountBMin) revert InsufficientAmount();
        tokenA.safeTransferFrom(msg.sender, pair, amountA);
        tokenB.safeTransferFrom(msg.sender, pair, amountB);
        liquidity = ConstantProductPair(pair).mint(to);
    }

    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        amounts = getAmountsOut(amountIn, path);
        uint256 amountOut = amounts[amounts.length - 1];
        if (amountOut < amountOutMin) revert InsufficientOutputAmount(amountOut, amountOutMin);
        path[0].safeTransferFrom(msg.sender, _pair(path[0], path[1]), amountIn);
        for (uint256 i; i < path.length - 1; ++i) {
            (address input, address output) = (path[i], path[i + 1]);
            address pair = _pair(input, output);
            address recipient = i < path.length - 2 ? _pair(output, path[i + 2]) : to;
            (uint256 out0, uint256 out1) =
                input < output ? (uint256(0), amounts[i + 1]) : (amounts[i + 1], uint256(0));
            ConstantProductPair(pair).swap(out0, out1, recipient);
        }
    }

    function getAmountsOut(uint256 amountIn, address[] calldata path) public view returns (uint256[] memory amounts) {
        if (path.length < 2) revert InvalidPath();
        amounts = new uint256[](path.length);
        amounts[0] = amountIn;
        for (uint256 i; i < path.length - 1; ++i) {
            (uint256 reserveIn, uint256 reserveOut) = _reserves(_pair(path[i], path[i + 1]), path[i]);
            amounts[i + 1] = getAmountOut(amounts[i], reserveIn, reserveOut);
        }
    }

    /// @notice Output of a swap of `amountIn` against the reserves, after the 0.3% fee (Uniswap v2's formula).
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) public pure returns (uint256) {
        if (amountIn == 0) revert InsufficientAmount();
        if (reserveIn == 0 || reserveOut == 0) revert InsufficientLiquidity();
        uint256 amountInWithFee = amountIn * 997;
        return amountInWithFee * reserveOut / (reserveIn * 1000 + amountInWithFee);
    }

    function quote(uint256 amountA, uint256 reserveA, uint256 reserveB) public pure returns (uint256) {
        if (amountA == 0) revert InsufficientAmount();
        if (reserveA == 0 || reserveB == 0) revert InsufficientLiquidity();
        return amountA * reserveB / reserveA;
    }

    function _pair(address tokenA, address tokenB) private view returns (address pair) {
        pair = factory.getPair(tokenA, tokenB);
        if (pair == address(0)) revert UnknownPair(tokenA, tokenB);
    }

    function _reserves(address pair, address tokenA) private view returns (uint256 reserveA, uint256 reserveB) {
        (uint112 r0, uint112 r1) = ConstantProductPair(pair).getReserves();
        (reserveA, reserveB) = tokenA == ConstantProductPair(pair).token0() ? (r0, r1) : (r1, r0);
    }
}
